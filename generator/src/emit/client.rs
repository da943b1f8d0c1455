//! `client.rs` of a service: the `Client`, with one method per operation starting that
//! operation's builder (see [`super::builders`]).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Part, docs, part};
use crate::ir::{Operation, Service};

pub fn client_file(service: &Service) -> Vec<Part<'_>> {
    vec![part(move || client(service))]
}

/// The module docs and imports, and the `Client` with one method per operation.
fn client(service: &Service) -> TokenStream {
    let title = format!("Client for {} (API {}).", docs::escape(&service.title), docs::escape(&service.api_version));
    let doc = docs::doc(&[
        title,
        "Create it once from a [`runtime::Config`] and share it (it is cheap to clone): each method starts \
         a call, a builder in [`builders`](super::builders) with a setter per parameter; set them, then \
         `send()` it."
            .into(),
    ]);
    let endpoint = &service.endpoint;
    let methods = service.operations.iter().map(method);
    let runtime = super::uses_runtime(true);
    quote! {
        //! The service's client: one method per operation, each starting the operation's builder.
        use super::builders;
        #runtime

        #doc
        #[derive(Debug, Clone)]
        pub struct Client {
            transport: runtime::Transport,
        }

        impl Client {
            /// The endpoint of a region; `{region}` comes from [`runtime::Config`] when it sets no endpoint.
            pub const ENDPOINT_TEMPLATE: &'static str = #endpoint;

            /// A client sending to the configured endpoint, or to this service's endpoint in the
            /// configured region.
            pub fn new(config: runtime::Config) -> ::std::result::Result<Self, runtime::Error> {
                Ok(Client { transport: runtime::Transport::new(config, Self::ENDPOINT_TEMPLATE)? })
            }

            /// Sends a request built by hand (every request type implements
            /// [`runtime::Operation`]) with the client's settings.
            pub async fn send<R: runtime::Operation>(
                &self,
                request: &R,
            ) -> ::std::result::Result<runtime::Response<R::Output, R::Headers>, runtime::Error> {
                self.transport.send(request, &runtime::CallOptions::default()).await
            }

            #(#methods)*
        }
    }
}

fn method(op: &Operation) -> TokenStream {
    let ident = format_ident!("{}", op.id);
    let builder = format_ident!("{}", op.builder_ident);
    let how = format!(
        "{}: set the parameters on the [`{}`](builders::{}), then `send()` it.",
        docs::code(&format!("{} {}", op.method, op.path_template)),
        op.builder_ident,
        op.builder_ident,
    );
    let doc = docs::doc(&[docs::escape(&op.summary), how]);
    quote! {
        #doc
        pub fn #ident(&self) -> builders::#builder<'_> {
            builders::#builder::new(runtime::Call::new(&self.transport))
        }
    }
}
