"""Forms of authority and representatives' access (issue 7, part B)."""

from django.urls import path

from consent.views import access, authorities

app_name = "consent"

urlpatterns = [
    path("", authorities.mine, name="mine"),
    path("customers/<int:pk>/", authorities.customer_authorities, name="customer"),
    path("customers/<int:pk>/new", authorities.authority_new, name="new"),
    path("customers/<int:pk>/statement", access.statement, name="statement"),
    path("customers/<int:pk>/statement.pdf", access.statement_pdf, name="statement_pdf"),
    path("authorities/<int:authority_id>/", authorities.authority_detail, name="authority"),
    path("authorities/<int:authority_id>/revoke", authorities.authority_revoke, name="revoke"),
    path("authorities/<int:authority_id>/receipt.pdf", authorities.authority_receipt, name="receipt"),
    path("authorities/<int:authority_id>/evidence", authorities.authority_evidence, name="evidence"),
    path("authorities/<int:authority_id>/access", access.access_new, name="access"),
]
