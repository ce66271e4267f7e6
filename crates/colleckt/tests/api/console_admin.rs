//! The console's sign-in, sessions, admin, audit and account pages over
//! HTTP, through the real forms (tokens read from the pages, cookies kept by
//! [`crate::console_admin_helpers::Browser`]).

mod admin;
mod audit;
mod sessions;
mod sign_in;
mod totp;
