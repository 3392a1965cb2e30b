from django.urls import path

from collegium.frameworks.views import crosswalk, drafts, versions

app_name = "frameworks"

VERSION = "<slug:slug>/<id:number>/"

urlpatterns = [
    path("", versions.framework_list, name="list"),
    path("new/", versions.create, name="create"),
    path("import/", versions.import_framework, name="import"),
    path("crosswalk/", crosswalk.crosswalk, name="crosswalk"),
    path("crosswalk/<id:pk>/remove/", crosswalk.remove_mapping, name="remove-mapping"),
    path("<slug:slug>/new-version/", versions.new_version, name="new-version"),
    path(VERSION, versions.version_detail, name="version"),
    path(VERSION + "download.<str:fmt>", versions.download, name="download"),
    path(VERSION + "publish/", versions.publish, name="publish"),
    path(VERSION + "levels/new/", drafts.add_level, name="add-level"),
    path(VERSION + "levels/<id:pk>/", drafts.edit_level, name="edit-level"),
    path(VERSION + "levels/<id:pk>/remove/", drafts.remove_level, name="remove-level"),
    path(VERSION + "areas/new/", drafts.add_area, name="add-area"),
    path(VERSION + "areas/<id:pk>/", drafts.edit_area, name="edit-area"),
    path(VERSION + "areas/<id:pk>/remove/", drafts.remove_area, name="remove-area"),
    path(VERSION + "areas/<id:pk>/strands/new/", drafts.add_strand, name="add-strand"),
    path(VERSION + "strands/<id:pk>/", drafts.edit_strand, name="edit-strand"),
    path(
        VERSION + "strands/<id:pk>/descriptors/",
        drafts.edit_descriptors,
        name="edit-descriptors",
    ),
    path(VERSION + "strands/<id:pk>/remove/", drafts.remove_strand, name="remove-strand"),
]
