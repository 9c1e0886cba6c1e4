from django import template

register = template.Library()


@register.filter
def with_organisation(people):
    """People with their organisation in the same query, for bylines."""
    return people.select_related("organisation")
