from django.contrib import admin

from peel.forms.accounts import AdminLoginForm
from peel.roles import is_admin


class PeelAdminSite(admin.AdminSite):
    site_header = "peel administration"
    site_title = "peel admin"
    index_title = "Forces, users, frameworks and criteria"
    login_form = AdminLoginForm

    def has_permission(self, request) -> bool:
        return is_admin(request.user)
