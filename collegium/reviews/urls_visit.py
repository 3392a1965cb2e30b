"""The review visit's pages (R4–R6) and closing the review; included by reviews/urls.py."""

from django.urls import path

from collegium.reviews.views import concerns, evidence, judgements

urlpatterns = [
    path("<int:pk>/evidence/", evidence.evidence, name="evidence"),
    path("<int:pk>/evidence/save/", evidence.save_evidence, name="evidence-save"),
    path(
        "<int:pk>/evidence/<int:note_pk>/change/",
        evidence.change_evidence,
        name="evidence-change",
    ),
    path("<int:pk>/concerns/", concerns.concerns, name="concerns"),
    path(
        "<int:pk>/concerns/<int:concern_pk>/respond/",
        concerns.respond,
        name="concern-respond",
    ),
    path("<int:pk>/judgements/", judgements.judgements, name="judgements"),
    path("<int:pk>/judgements/<int:strand_pk>/propose/", judgements.propose, name="propose"),
    path("<int:pk>/judgements/<int:strand_pk>/agree/", judgements.agree, name="agree-judgement"),
    path("<int:pk>/findings/", judgements.findings, name="findings"),
    path("<int:pk>/agree/", judgements.agree_all, name="agree-judgements"),
    path("<int:pk>/close/", judgements.close, name="close"),
]
