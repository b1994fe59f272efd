"""Personal API tokens: list your own, create one (its secret is shown once), revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import tokens
from .forms import TokenForm
from .models import ApiToken


def _page(request: HttpRequest, form: TokenForm, new: tokens.NewToken | None = None, status: int = 200):
    own = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": own, "new": new, "now": timezone.now()},
        status=status,
    )
    return response


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    return _page(request, TokenForm())


@never_cache  # the response carries the secret: no cache may keep it
@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    lifetime = form.lifetime()
    new = tokens.create_token(
        user=request.user,
        name=form.cleaned_data["name"],
        expires_at=timezone.now() + lifetime if lifetime else None,
    )
    # Rendered here rather than after a redirect, so that the secret is never stored, not even in the session.
    return _page(request, TokenForm(), new=new)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke_token(token, by=request.user)
    messages.success(request, _("Nyckeln %(name)s är återkallad.") % {"name": token.name})
    return redirect("api:tokens")
