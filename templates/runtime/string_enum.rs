//! The conversions every generated enum shares, written once as a macro.

/// Implements `Display`, `FromStr`, `Serialize` and `Deserialize` for a generated enum in terms
/// of its `as_str` and `From<&str>`. Deserializing never fails on an undocumented value: it
/// becomes the enum's `Unknown` variant and serializes back unchanged.
macro_rules! string_enum {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}

// Scoped by path (`crate::runtime::string_enum!`) rather than `#[macro_export]`, which cannot
// be referred to by path when the client is `include!`d by a build script's consumer.
pub(crate) use string_enum;
