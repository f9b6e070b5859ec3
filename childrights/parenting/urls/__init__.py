from django.urls import URLPattern, URLResolver

app_name = "parenting"
urlpatterns: list[URLPattern | URLResolver] = []
