"""The child rights-based approach as shared content: the UNCRC, the seven principles and their
indicators, the four themes and each nation's own framework. Loaded from data/*.json."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Principle(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_cy = models.CharField(_("name (Welsh)"), max_length=100)
    definition_en = models.TextField(_("definition (English)"))
    definition_cy = models.TextField(_("definition (Welsh)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self) -> str:
        return self.name_en


class Indicator(models.Model):
    """What a principle looks like in practice, and the same asked as a question children
    answer. Editable by the programme team: the loader adds indicators that are missing but
    never overwrites one the team has changed."""

    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="indicators")
    slug = models.SlugField(_("slug"), max_length=80)
    text_en = models.TextField(_("indicator (English)"))
    text_cy = models.TextField(_("indicator (Welsh)"))
    text_children_en = models.TextField(
        _("question for children (English)"),
        blank=True,
        help_text=_("The indicator asked as a question, in words a 12-year-old reads easily."),
    )
    text_children_cy = models.TextField(_("question for children (Welsh)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    is_customised = models.BooleanField(_("changed by the programme team"), default=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["principle__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["principle", "slug"], name="indicator_unique_slug")
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.text_en[:80]


class Cluster(models.Model):
    """A reporting cluster of the UN Committee on the Rights of the Child."""

    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_cy = models.CharField(_("name (Welsh)"), max_length=120)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_cy = models.TextField(_("description (Welsh)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("reporting cluster")
        verbose_name_plural = _("reporting clusters")

    def __str__(self) -> str:
        return self.name_en


class Article(models.Model):
    number = models.PositiveSmallIntegerField(_("article"), unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_cy = models.CharField(_("title (Welsh)"), max_length=200)
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="articles")
    general_principle = models.BooleanField(_("general principle"), default=False)
    summary_age_8_en = models.TextField(_("summary for about age 8 (English)"))
    summary_age_8_cy = models.TextField(_("summary for about age 8 (Welsh)"))
    summary_age_14_en = models.TextField(_("summary for about age 14 (English)"))
    summary_age_14_cy = models.TextField(_("summary for about age 14 (Welsh)"))
    summary_staff_en = models.TextField(_("summary for staff (English)"))
    summary_staff_cy = models.TextField(_("summary for staff (Welsh)"))
    principles = models.ManyToManyField(Principle, related_name="articles", blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("UNCRC article")
        verbose_name_plural = _("UNCRC articles")

    def __str__(self) -> str:
        return f"Article {self.number}: {self.title_en}"


class Theme(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_cy = models.CharField(_("name (Welsh)"), max_length=100)
    description_en = models.TextField(_("description (English)"))
    description_cy = models.TextField(_("description (Welsh)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name_en


class NationFramework(models.Model):
    """A nation's own framework (SHANARRI, the NI well-being strands, the Right Way, England's
    corporate parenting principles)."""

    slug = models.SlugField(_("slug"), unique=True)
    nation = models.CharField(_("nation"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    source_en = models.CharField(_("source (English)"), max_length=300)
    source_cy = models.CharField(_("source (Welsh)"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("nation framework")
        verbose_name_plural = _("nation frameworks")

    def __str__(self) -> str:
        return self.name_en


class FrameworkItem(models.Model):
    framework = models.ForeignKey(NationFramework, on_delete=models.CASCADE, related_name="items")
    slug = models.SlugField(_("slug"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_cy = models.TextField(_("description (Welsh)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    principles = models.ManyToManyField(Principle, related_name="framework_items", blank=True)
    articles = models.ManyToManyField(Article, related_name="framework_items", blank=True)

    class Meta:
        ordering = ["framework__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="framework_item_unique_slug")
        ]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")

    def __str__(self) -> str:
        return self.name_en
