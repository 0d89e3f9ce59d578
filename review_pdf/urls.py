"""The PDF of a file's review, under the file's own URL (/inspections/<pk>/files/<file_id>/)."""

from django.urls import path

from review_pdf import views

app_name = "review_pdf"
FILE_PDF = "inspections/<int:pk>/files/<int:file_id>/pdf/"
urlpatterns = [
    path(FILE_PDF + "prepare/", views.review_pdf_prepare, name="prepare"),
    path(FILE_PDF + "<int:pdf_id>.pdf", views.review_pdf_download, name="download"),
    path(FILE_PDF + "<int:pdf_id>/progress/", views.review_pdf_progress, name="progress"),
]
