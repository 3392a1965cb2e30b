from django.urls import path

from collegium.frameworks import crosswalk_views, draft_views, views

app_name = "frameworks"

VERSION = "<slug:slug>/<id:number>/"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("new/", views.create, name="create"),
    path("import/", views.import_framework, name="import"),
    path("crosswalk/", crosswalk_views.crosswalk, name="crosswalk"),
    path("crosswalk/<id:pk>/remove/", crosswalk_views.remove_mapping, name="remove-mapping"),
    path("<slug:slug>/new-version/", views.new_version, name="new-version"),
    path(VERSION, views.version_detail, name="version"),
    path(VERSION + "download.<str:fmt>", views.download, name="download"),
    path(VERSION + "publish/", views.publish, name="publish"),
    path(VERSION + "levels/new/", draft_views.add_level, name="add-level"),
    path(VERSION + "levels/<id:pk>/", draft_views.edit_level, name="edit-level"),
    path(VERSION + "levels/<id:pk>/remove/", draft_views.remove_level, name="remove-level"),
    path(VERSION + "areas/new/", draft_views.add_area, name="add-area"),
    path(VERSION + "areas/<id:pk>/", draft_views.edit_area, name="edit-area"),
    path(VERSION + "areas/<id:pk>/remove/", draft_views.remove_area, name="remove-area"),
    path(VERSION + "areas/<id:pk>/strands/new/", draft_views.add_strand, name="add-strand"),
    path(VERSION + "strands/<id:pk>/", draft_views.edit_strand, name="edit-strand"),
    path(
        VERSION + "strands/<id:pk>/descriptors/",
        draft_views.edit_descriptors,
        name="edit-descriptors",
    ),
    path(VERSION + "strands/<id:pk>/remove/", draft_views.remove_strand, name="remove-strand"),
]
