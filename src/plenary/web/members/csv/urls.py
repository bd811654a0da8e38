"""Routes for importing and exporting the roll as CSV (views in members/csv_views.py)."""

from django.urls import path

from plenary.web.members.csv import views as csv_views

urlpatterns = [
    path("import/", csv_views.import_upload, name="import"),
    path("import/columns/", csv_views.import_columns, name="import_columns"),
    path("import/preview/", csv_views.import_preview, name="import_preview"),
    path("import/errors.csv", csv_views.import_errors, name="import_errors"),
    path("import/file/", csv_views.import_file, name="import_file"),
    path("export/", csv_views.export, name="export"),
]
