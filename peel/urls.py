"""The root URLconf: every page but login and the health check requires a logged-in user
(``LoginRequiredMiddleware``)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from identity.views import SignOutView
from peel.views.home import health, home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("", include("identity.urls")),
    path("admin/", admin.site.urls),
    path("forces/", include("forces.urls")),
    path("", include("reports.national_urls")),
    path("", include("peel.inspection_urls")),
    path("", include("reviews.urls")),
    path("", include("reports.urls")),
]
