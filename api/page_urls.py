"""Pages (not API endpoints) for managing personal API tokens."""

from django.urls import path

app_name = "api_tokens"

urlpatterns: list = []
