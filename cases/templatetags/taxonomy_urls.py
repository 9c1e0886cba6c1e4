"""Addresses of the goal and municipality pages, which are routes of their index pages.

    {% load taxonomy_urls %}
    <a href="{% goal_url goal %}">  <a href="{% municipality_url municipality %}">
    <a href="{% goal_index_url %}">  <a href="{% municipality_index_url %}">

The index page is looked up once per request. Without one on the site the URL is "".
"""

from django import template

from cases.models import GoalIndexPage, MunicipalityIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def goal_url(context, goal) -> str:
    return GoalIndexPage.url_for(context.get("request"), goal)


@register.simple_tag(takes_context=True)
def municipality_url(context, municipality) -> str:
    return MunicipalityIndexPage.url_for(context.get("request"), municipality)


@register.simple_tag(takes_context=True)
def goal_index_url(context) -> str:
    return GoalIndexPage.url_for(context.get("request"))


@register.simple_tag(takes_context=True)
def municipality_index_url(context) -> str:
    return MunicipalityIndexPage.url_for(context.get("request"))
