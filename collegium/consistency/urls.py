from django.urls import path

from collegium.consistency import views

app_name = "consistency"

urlpatterns = [
    path("", views.reliability, name="reliability"),
    path("reliability/<str:by>.csv", views.reliability_csv, name="reliability-csv"),
    path("severity/", views.severity, name="severity"),
    path("severity/<str:table>.csv", views.severity_csv, name="severity-csv"),
    path("reviews/<id:pk>/", views.review_adjusted, name="review-adjusted"),
    path("bias/", views.bias, name="bias"),
    path("bias/<str:table>.csv", views.bias_csv, name="bias-csv"),
]
