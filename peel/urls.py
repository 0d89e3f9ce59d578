"""The root URLconf: every page but login and the health check requires a logged-in user
(``LoginRequiredMiddleware``)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from identity.views import SignOutView
from peel.forms.accounts import LoginForm
from peel.views.home import favicon, health
from peel.views.resubmit import resubmit
from worklist.views import home as worklist_home

urlpatterns = [
    path("", worklist_home, name="home"),
    path("healthz", health, name="health"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("forms/kept/", resubmit, name="resubmit"),
    path("account/tokens/", include("api.token_urls")),
    path("", include("notifications.urls")),
    path("", include("identity.urls")),
    path("admin/", admin.site.urls),
    path("forces/", include("forces.urls")),
    path("", include("reports.national_urls")),
    path("", include("peel.inspection_urls")),
    path("", include("reviews.urls")),
    path("", include("review_pdf.urls")),
    path("", include("reports.urls")),
    path("", include("authoring.urls")),
    path("", include("factual_accuracy.urls")),
    path("", include("publication.urls")),
    path("", include("timeline.urls")),
    path("api/", include("api.urls")),
]

handler404 = "api.views.errors.not_found"
