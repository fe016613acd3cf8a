//! The one place that turns an API error into an exit code and a message with a next step.

use crate::dfns::error::{ApiError, Class};

use super::Exit;

/// The exit codes README promises: 1 when the API refused, 2 for configuration, 3 when the API could not be
/// reached or kept failing. A state-changing request with an unknown outcome is 3: the
/// caller must re-read before doing anything else.
pub fn exit_for(e: &ApiError) -> Exit {
    match e.class() {
        Class::Refused => Exit::Refused,
        Class::Unavailable | Class::OutcomeUnknown => Exit::Unavailable,
        Class::Config => Exit::Usage,
        // Accepted: the approvers decide from here; nothing failed.
        Class::Held => Exit::Ok,
    }
}

/// What to do about `e`, when there is something to say beyond the error itself.
pub fn hint(e: &ApiError, profile: &str) -> Option<String> {
    match e.status() {
        Some(401) => Some(format!(
            "the token was rejected: check DFNS_AUTH_TOKEN or the token of profile '{profile}'"
        )),
        Some(403) => Some(
            "the token lacks a permission for this (see the message above): ask an admin to grant it"
                .into(),
        ),
        Some(404) => Some("no such resource: check the id".into()),
        Some(429) => Some("rate limited: try again later".into()),
        Some(s) if s >= 500 => Some("the API is failing: try again later".into()),
        _ => match e {
            ApiError::Connect { .. } | ApiError::Timeout(_) | ApiError::Network(_) => Some(
                "check the network and the API URL (DFNS_API_URL, --api-url or the profile)".into(),
            ),
            _ => None,
        },
    }
}

/// Prints `error: {what}: {e}` and the hint on stderr; returns the exit code.
pub fn report(what: &str, e: &ApiError, profile: &str) -> Exit {
    eprintln!("error: {what}: {e}");
    if let Some(h) = hint(e, profile) {
        eprintln!("hint: {h}");
    }
    exit_for(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_configuration_and_unavailability_get_their_codes() {
        let http = |s| ApiError::from_response(s, "{}", None);
        assert_eq!(exit_for(&http(400)), Exit::Refused);
        assert_eq!(exit_for(&http(403)), Exit::Refused);
        assert_eq!(exit_for(&http(404)), Exit::Refused);
        assert_eq!(exit_for(&http(409)), Exit::Refused);
        assert_eq!(exit_for(&http(429)), Exit::Unavailable);
        assert_eq!(exit_for(&http(503)), Exit::Unavailable);
        assert_eq!(
            exit_for(&ApiError::OutcomeUnknown("reset".into())),
            Exit::Unavailable
        );
        assert_eq!(
            exit_for(&ApiError::Connect {
                host: "h".into(),
                detail: "refused".into()
            }),
            Exit::Unavailable
        );
        assert_eq!(exit_for(&ApiError::NoSigner), Exit::Usage);
        assert_eq!(exit_for(&ApiError::Credential("x".into())), Exit::Usage);
    }

    #[test]
    fn hints_name_the_next_step() {
        let e = ApiError::from_response(401, "{}", None);
        assert!(hint(&e, "prod").unwrap().contains("profile 'prod'"));
        assert!(hint(&ApiError::from_response(400, "{}", None), "p").is_none());
    }
}
