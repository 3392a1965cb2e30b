from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "collegium.reviews"
    label = "reviews"
