from django.urls import path

from collegium.clusters import views

app_name = "clusters"

urlpatterns = [
    path("", views.cluster_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.remove, name="remove"),
    path("<int:pk>/mou/new/", views.publish_mou, name="publish-mou"),
    path("<int:pk>/mou/sign/", views.sign_mou, name="sign-mou"),
    path("invitations/<int:membership_pk>/", views.respond, name="respond"),
]
