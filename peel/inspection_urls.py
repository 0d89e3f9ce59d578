app_name = "peel"
urlpatterns: list = []
