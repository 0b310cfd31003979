//! Tests of the treatment rules through the crate's public interface.

mod treatment {
    pub mod availability;
    pub mod care;
    pub mod courses;
    pub mod every_rule;
    pub mod policy_file;
    pub mod properties;
    pub mod screening;
    pub mod support;
}
