"""The review visit's pages (R4–R6) and closing the review."""

from django.urls import path

from collegium.reviews.views import concerns, evidence, judgements

urlpatterns = [
    path("<id:pk>/evidence/", evidence.evidence, name="evidence"),
    path("<id:pk>/evidence/save/", evidence.save_evidence, name="evidence-save"),
    path(
        "<id:pk>/evidence/<id:note_pk>/change/",
        evidence.change_evidence,
        name="evidence-change",
    ),
    path("<id:pk>/concerns/", concerns.concerns, name="concerns"),
    path(
        "<id:pk>/concerns/<id:concern_pk>/respond/",
        concerns.respond,
        name="concern-respond",
    ),
    path("<id:pk>/judgements/", judgements.judgements, name="judgements"),
    path("<id:pk>/judgements/<id:strand_pk>/propose/", judgements.propose, name="propose"),
    path("<id:pk>/judgements/<id:strand_pk>/agree/", judgements.agree, name="agree-judgement"),
    path("<id:pk>/findings/", judgements.findings, name="findings"),
    path("<id:pk>/agree/", judgements.agree_all, name="agree-judgements"),
    path("<id:pk>/close/", judgements.close, name="close"),
]
