from django.urls import path

from collegium.clusters import views

app_name = "clusters"

urlpatterns = [
    path("", views.cluster_list, name="list"),
    path("new/", views.create, name="create"),
    path("memorandum-template/", views.mou_template, name="mou-template"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/invite/", views.invite, name="invite"),
    path("<id:pk>/members/<id:membership_pk>/remove/", views.remove, name="remove"),
    path("<id:pk>/mou/new/", views.publish_mou, name="publish-mou"),
    path("<id:pk>/mou/sign/", views.sign_mou, name="sign-mou"),
    path("invitations/<id:membership_pk>/", views.respond, name="respond"),
]
