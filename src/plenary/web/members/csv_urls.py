"""Routes for importing and exporting the roll as CSV (views in members/csv_views.py)."""

urlpatterns: list[object] = []
