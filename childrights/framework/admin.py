from django.contrib import admin

from childrights.core.admin_site import AuditedModelAdmin
from childrights.framework.models import Article, Indicator, NationFramework, Principle, Theme


@admin.register(Article)
class ArticleAdmin(AuditedModelAdmin):
    list_display = ["number", "title_en", "cluster", "general_principle"]
    list_filter = ["cluster", "general_principle"]


@admin.register(Principle)
class PrincipleAdmin(AuditedModelAdmin):
    list_display = ["name_en", "position"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ["principle", "text_en", "is_active", "is_customised"]
    list_filter = ["principle", "is_active"]


@admin.register(Theme)
class ThemeAdmin(AuditedModelAdmin):
    list_display = ["name_en", "position"]


@admin.register(NationFramework)
class NationFrameworkAdmin(AuditedModelAdmin):
    list_display = ["name_en", "nation"]
