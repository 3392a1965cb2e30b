from django.urls import path

from collegium.selfevaluation import views

app_name = "selfevaluation"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:urn>/", views.school_years, name="school"),
    path("<int:urn>/start/", views.start, name="start"),
    path("<int:urn>/<int:year>/", views.detail, name="detail"),
    path("<int:urn>/<int:year>/strands/<int:strand_pk>/", views.strand, name="strand"),
    path("<int:urn>/<int:year>/check/", views.check, name="check"),
]
