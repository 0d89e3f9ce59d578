from django.contrib import admin

from peel.roles import is_admin


class PeelAdminSite(admin.AdminSite):
    site_header = "peel administration"
    site_title = "peel admin"
    index_title = "Forces, users, frameworks and criteria"

    def has_permission(self, request) -> bool:
        return is_admin(request.user)
