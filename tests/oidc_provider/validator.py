from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """The claims an organisation's provider sends: name, e-mail address and group ids (the provider's
    Django groups stand for them)."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email": "email", "groups": "openid"}

    def get_additional_claims(self, request):
        user = request.user
        return {
            "given_name": user.first_name,
            "family_name": user.last_name,
            "name": user.get_full_name(),
            "preferred_username": user.username,
            "email": user.email,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }
