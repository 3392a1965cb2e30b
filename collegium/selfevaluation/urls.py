from django.urls import path

from collegium.selfevaluation import views

app_name = "selfevaluation"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<id:urn>/", views.school_years, name="school"),
    path("<id:urn>/start/", views.start, name="start"),
    path("<id:urn>/<id:year>/", views.detail, name="detail"),
    path("<id:urn>/<id:year>/strands/<id:strand_pk>/", views.strand, name="strand"),
    path("<id:urn>/<id:year>/check/", views.check, name="check"),
]
