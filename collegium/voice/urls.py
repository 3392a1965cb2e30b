from django.urls import path

from collegium.voice.views import banks, research, respond, surveys

app_name = "voice"

SURVEY = "surveys/<id:pk>/"
VERSION = "banks/<slug:slug>/<id:number>/"

urlpatterns = [
    path("answer/<str:token>/", respond.answer, name="answer"),
    path("answer/<str:token>/thanks/", respond.thanks, name="thanks"),
    path("", surveys.mine, name="mine"),
    path("schools/<id:urn>/", surveys.school, name="school"),
    path("schools/<id:urn>/open/", surveys.open_survey, name="open"),
    path("schools/<id:urn>/numbers/", surveys.sizes, name="sizes"),
    path(SURVEY, surveys.survey, name="survey"),
    path(SURVEY + "results.csv", surveys.export, name="export"),
    path(SURVEY + "qr.svg", surveys.qr_code, name="qr"),
    path(SURVEY + "close/", surveys.close, name="close"),
    path(SURVEY + "codes/", surveys.codes, name="codes"),
    path("reviews/<id:pk>/research/", research.research_page, name="research"),
    path("reviews/<id:pk>/research/edit/", research.edit_research, name="edit-research"),
    path("banks/", banks.bank_list, name="banks"),
    path("banks/import/", banks.import_bank, name="import"),
    path(VERSION, banks.version, name="version"),
    path(VERSION + "download.<str:fmt>", banks.download, name="download"),
    path(VERSION + "publish/", banks.publish, name="publish"),
]
