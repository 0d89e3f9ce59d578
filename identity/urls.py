from django.urls import path

from identity import views

app_name = "identity"

urlpatterns = [
    path("oidc/authenticate/", views.SignInView.as_view(), name="sign_in"),
    path("oidc/callback/", views.CallbackView.as_view(), name="callback"),
    path("accounts/second-factor/", views.otp_verify, name="otp_verify"),
    path("accounts/second-factor/enrol/", views.otp_enrol, name="otp_enrol"),
]
