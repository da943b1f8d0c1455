//! The conversions every generated enum shares, written once as macros: one for enums whose
//! values are strings on the wire, one for enums whose values are numbers; and the opaque
//! value of their `Unknown` case.

/// A value of an enum that its docs do not list (a string, or an `i64` for an enum of
/// numbers), kept as received so it is sent back unchanged. Opaque, as aws-sdk-rust's: it
/// cannot be built or matched on outside the generated code, so code handling unknown values
/// uses a wildcard arm, which keeps working when a later version gives the value a variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue<T = String>(T);

impl<T> UnknownVariantValue<T> {
    /// For the generated conversions only; applications get unknown values by parsing
    /// (`Kind::from("NEW")`).
    #[doc(hidden)]
    pub fn from_wire(value: T) -> Self {
        UnknownVariantValue(value)
    }

    /// The value as received.
    pub fn value(&self) -> &T {
        &self.0
    }
}

impl UnknownVariantValue<String> {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Implements `try_parse`, `Display`, `FromStr`, `Serialize` and `Deserialize` for a generated
/// enum in terms of its `as_str` and `From<&str>`. Deserializing never fails on an
/// undocumented value: it becomes the enum's `Unknown` variant and serializes back unchanged.
// Exported (at the crate root, hidden) so that services generated into another crate by a
// build script call it through this crate's runtime (`runtime::string_enum!`); `$crate` is
// then always the crate holding the runtime.
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum {
    ($name:ident) => {
        impl $name {
            /// The variant the docs list for `value`, or the value back when they list none.
            /// (`from` and `parse` keep such a value as `Unknown` instead.)
            pub fn try_parse(value: &str) -> ::std::result::Result<Self, &str> {
                match Self::from(value) {
                    Self::Unknown(_) => Err(value),
                    known => Ok(known),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Never fails: a value the docs do not list becomes `Unknown` (see `try_parse`).
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl $crate::runtime::serde::Serialize for $name {
            fn serialize<S: $crate::runtime::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::runtime::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::runtime::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}

/// Implements `try_parse`, `Display`, `FromStr`, `Serialize` and `Deserialize` for a generated
/// enum whose values are numbers, in terms of its `as_i64` and `From<i64>`. An undocumented
/// number becomes the enum's `Unknown` variant and serializes back unchanged; `FromStr` fails
/// only on text that is no number.
#[doc(hidden)]
#[macro_export]
macro_rules! int_enum {
    ($name:ident) => {
        impl $name {
            /// The variant the docs list for `value`, or the value back when they list none.
            /// (`from` and `parse` keep such a value as `Unknown` instead.)
            pub fn try_parse(value: i64) -> ::std::result::Result<Self, i64> {
                match Self::from(value) {
                    Self::Unknown(_) => Err(value),
                    known => Ok(known),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i64(), f)
            }
        }

        /// Fails only on text that is no number: an undocumented number becomes `Unknown`.
        impl ::std::str::FromStr for $name {
            type Err = ::std::num::ParseIntError;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                value.parse::<i64>().map(Self::from)
            }
        }

        impl $crate::runtime::serde::Serialize for $name {
            fn serialize<S: $crate::runtime::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.as_i64())
            }
        }

        impl<'de> $crate::runtime::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::runtime::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i64 as $crate::runtime::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    /// What the generator writes for an integer enum, by hand.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Step {
        Prepare,
        Unknown(super::UnknownVariantValue<i64>),
    }

    impl Step {
        fn as_i64(&self) -> i64 {
            match self {
                Self::Prepare => 1,
                Self::Unknown(value) => *value.value(),
            }
        }
    }

    impl From<i64> for Step {
        fn from(value: i64) -> Self {
            match value {
                1 => Self::Prepare,
                other => Self::Unknown(super::UnknownVariantValue::from_wire(other)),
            }
        }
    }

    crate::int_enum!(Step);

    #[test]
    fn integer_enums_keep_unknown_numbers_and_write_them_back() {
        let steps: Vec<Step> = serde_json::from_str("[1, 7]").unwrap();
        assert_eq!(steps, [Step::Prepare, Step::from(7)]);
        assert_eq!(steps[1].as_i64(), 7);
        assert_eq!(serde_json::to_string(&steps).unwrap(), "[1,7]");
        assert_eq!("7".parse::<Step>(), Ok(Step::from(7)));
        assert_eq!((Step::try_parse(1), Step::try_parse(7)), (Ok(Step::Prepare), Err(7)));
        assert!("seven".parse::<Step>().is_err());
        assert_eq!(Step::Prepare.to_string(), "1");
        assert!(serde_json::from_str::<Step>("\"1\"").is_err(), "a number, not text");
    }
}
