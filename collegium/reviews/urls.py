"""The review's pages: planning (R1–R3) in urls_planning, the visit (R4–R6) in urls_visit."""

from collegium.reviews import urls_planning, urls_visit

app_name = "reviews"

urlpatterns = [*urls_planning.urlpatterns, *urls_visit.urlpatterns]
