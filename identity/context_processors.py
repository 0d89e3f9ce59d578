from identity import config


def single_sign_on(request) -> dict:
    """Whether the login page offers the provider, and under which name."""
    return {"sso_enabled": config.sso_enabled(), "sso_provider_name": config.provider_name()}
