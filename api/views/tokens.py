"""The user's own page of personal access tokens: create one (shown once), see when each was last
used, revoke any."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from api.forms import TokenForm
from api.selectors import tokens_of
from api.services.tokens import token_create, token_revoke


def token_list(request):
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    context = {"form": form, "created": created, "tokens": tokens_of(user=request.user)}
    response = render(request, "api/tokens.html", context, status=201 if created else 200)
    if created:
        response["Cache-Control"] = "no-store"  # the page holds the token itself
    return response


@require_POST
def token_revoke_view(request, token_id: int):
    row = get_object_or_404(tokens_of(user=request.user), pk=token_id)
    token_revoke(token_id=row.pk, user=request.user)
    messages.success(request, f"The token “{row.name}” was revoked; it no longer works.")
    return redirect("tokens:list")
