from django.urls import path

from collegium.safeguarding.views import actions, audits, oversight, sharing, templates

app_name = "safeguarding"

AUDIT = "audits/<id:pk>/"
VERSION = "templates/<slug:slug>/<id:number>/"

urlpatterns = [
    path("", audits.home, name="home"),
    path("oversight/", oversight.oversight, name="oversight"),
    path("schools/<id:urn>/", audits.school, name="school"),
    path("schools/<id:urn>/start/", audits.start, name="start"),
    path("schools/<id:urn>/visits/new/", oversight.record_visit, name="record-visit"),
    path(AUDIT, audits.audit, name="audit"),
    path(AUDIT + "items/<id:item_pk>/", audits.rate, name="rate"),
    path(AUDIT + "items/<id:item_pk>/actions/new/", actions.add_action, name="add-action"),
    path(AUDIT + "submit/", audits.submit, name="submit"),
    path(AUDIT + "board-review/", audits.board_review, name="board-review"),
    path(AUDIT + "audit.pdf", audits.audit_pdf, name="pdf"),
    path(AUDIT + "sharing/", sharing.sharing_page, name="sharing"),
    path(AUDIT + "sharing/oversight/", sharing.oversight, name="share-oversight"),
    path(AUDIT + "sharing/<id:share_pk>/withdraw/", sharing.withdraw, name="withdraw-share"),
    path("actions/<id:pk>/", actions.action, name="action"),
    path("templates/", templates.template_list, name="templates"),
    path("templates/import/", templates.import_template, name="import"),
    path("templates/<slug:slug>/new-version/", templates.new_version, name="new-version"),
    path(VERSION, templates.version, name="version"),
    path(VERSION + "download.<str:fmt>", templates.download, name="download"),
    path(VERSION + "publish/", templates.publish, name="publish"),
]
