"""The review's pages: planning (R1–R3) in planning, the visit (R4–R6) in visit, downloads of
reviews and judgements in exports."""

from collegium.reviews.urls import exports, planning, visit

app_name = "reviews"

urlpatterns = [*planning.urlpatterns, *visit.urlpatterns, *exports.urlpatterns]
