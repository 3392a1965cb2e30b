from django.urls import path

from collegium.termdates import views

app_name = "termdates"
urlpatterns = [
    path("", views.term_dates, name="list"),
    path("<str:key>/", views.edit_term, name="edit"),
]
