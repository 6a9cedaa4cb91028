"""Machine readers' addresses; each module adds its own patterns here."""

app_name = "opendata"

urlpatterns = []
