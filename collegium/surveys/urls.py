from django.urls import path

from collegium.surveys import views

app_name = "surveys"

urlpatterns = [
    path("reviews/<id:pk>/", views.respond, name="respond"),
    path("results/", views.results, name="results"),
    path("results/reviewers/<id:pk>/", views.lead_results, name="lead-results"),
]
