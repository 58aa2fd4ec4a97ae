from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("account", views.my_account, name="my_account"),
    path("admin", views.admin_home, name="admin_home"),
]
