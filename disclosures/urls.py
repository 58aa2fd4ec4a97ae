from django.urls import path

from disclosures.views import decisions, register

app_name = "disclosures"

urlpatterns = [
    path("", register.register, name="register"),
    path("register.csv", register.register_csv, name="register_csv"),
    path("lawful-basis", register.lawful_basis_table, name="lawful_basis"),
    path("customers/<int:customer_id>/new", decisions.new, name="new"),
    path("<int:pk>/", decisions.detail, name="detail"),
    path("<int:pk>/edit", decisions.edit, name="edit"),
    path("<int:pk>/check", decisions.check, name="check"),
    path("<int:pk>/confirm", decisions.confirm, name="confirm"),
    path("<int:pk>/review", decisions.review, name="review"),
    path("<int:pk>/correct", decisions.correct, name="correct"),
]
