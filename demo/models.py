"""What the demo loader made, under its own key.

The loader finds its objects again by key, not by a name or slug an editor may change; a key
whose object is gone means an editor deleted it, and the loader leaves it deleted."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class DemoRecord(models.Model):
    key = models.CharField(max_length=200, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demo record"

    def __str__(self):
        return self.key
