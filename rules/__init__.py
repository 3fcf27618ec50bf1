"""honolint's rules, one module each. The order here is the order of `honolint rules`."""

RULE_MODULES = (
    "unreadable_file",
    "duplicate_key",
    "comment_in_value",
    "yaml_implicit_typing",
    "no_producer_found",
    "key_not_read",
    "framework_overrides",
    "unused_suppression",
    "invalid_directive",
    "client_refuses",
    "invalid_value",
    "unknown_key",
    "acks_not_all",
    "order_not_guaranteed",
    "retries_disabled",
    "idempotence_silently_disabled",
    "idempotence_default_not_applied",
    "retries_without_acks",
    "idempotence_needs_privileges",
    "recommended_config",
)
