"""Pages of the artisans app: the public maker pages and the workshop for shelter staff."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import batch_services, selectors
from .forms import BatchForm, CheckForm
from .models import ProductionBatch
from .private_files import private_file_response

# --- Public maker pages ------------------------------------------------------------------------


def maker_list(request):
    return render(request, "artisans/maker_list.html", {"makers": selectors.public_makers()})


def maker_detail(request, slug):
    maker = selectors.public_maker(slug)
    if maker is None:
        raise Http404
    products = list(selectors.products_of_maker(maker)[:48])
    return render(
        request,
        "artisans/maker_detail.html",
        {"maker": maker, "material": selectors.public_material(maker), "products": products},
    )


# --- The workshop ------------------------------------------------------------------------------


def workshop_staff_required(view):
    """Signed-in shelter staff only; everyone else is refused (anonymous: to the login)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.is_shelter_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def _batch_for(request, pk):
    """A batch of one of the user's shelters; any other is a 404, never a 403 that confirms it."""
    return get_object_or_404(selectors.batches_for_staff(request.user), pk=pk)


@workshop_staff_required
def workshop_index(request):
    shelters = list(selectors.shelters_for_staff(request.user))
    order = Case(
        When(status=ProductionBatch.RECORDED, then=Value(0)),
        When(status=ProductionBatch.DRAFT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    batches = list(selectors.batches_for_staff(request.user).order_by(order, "-made_on", "-id")[:50])
    return render(request, "artisans/workshop/index.html", {
        "shelters": shelters,
        "to_check": [b for b in batches if b.status == ProductionBatch.RECORDED],
        "drafts": [b for b in batches if b.status == ProductionBatch.DRAFT],
        "done": [b for b in batches if b.status in (ProductionBatch.STOCKED, ProductionBatch.REJECTED)],
    })


def _save_from_form(request, form, shelter, batch=None):
    """Run the service with the form's data; map its refusals back onto the form."""
    submit = request.POST.get("action") == "submit"
    data = form.cleaned_data
    try:
        saved = batch_services.save_batch(
            user=request.user, shelter=shelter, batch=batch, submit=submit,
            made_on=data["made_on"], piece_rate=data["piece_rate"], price=data.get("price"),
            product=data["product"], product_class=data["product_class"],
            pieces=data["pieces"], notes=data.get("notes", ""), photos=data.get("photos") or [],
            title_bn=data.get("title_bn", ""),
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
        else:
            form.add_error(None, exc)
        return None
    if submit:
        messages.success(request, _("Batch sent for its quality check."))
    else:
        messages.success(request, _("Draft saved. You can finish it later."))
    return saved


def _render_form(request, form, shelter, batch=None, status=200):
    if form.is_bound and form.errors:
        # The photos chosen are not sent back by the browser: ask for them again.
        photos_lost = bool(request.FILES.getlist("photos"))
        messages.error(
            request,
            _("Nothing was saved yet. Fix what is marked below and press Save again.")
            + (" " + _("Choose the photos again before saving.") if photos_lost else ""),
        )
        status = 400
    return render(
        request, "artisans/workshop/batch_form.html",
        {"form": form, "shelter": shelter, "batch": batch}, status=status,
    )


@workshop_staff_required
def batch_new(request, shelter_pk):
    shelter = get_object_or_404(selectors.shelters_for_staff(request.user), pk=shelter_pk)
    form = BatchForm(request.POST or None, request.FILES or None, shelter=shelter)
    if request.method == "POST" and form.is_valid():
        batch = _save_from_form(request, form, shelter)
        if batch is not None:
            return redirect("workshop:batch", pk=batch.pk)
    return _render_form(request, form, shelter)


@workshop_staff_required
def batch_edit(request, pk):
    batch = _batch_for(request, pk)
    if batch.status != ProductionBatch.DRAFT:
        messages.info(request, _("Only drafts can be changed."))
        return redirect("workshop:batch", pk=batch.pk)
    form = BatchForm(request.POST or None, request.FILES or None, shelter=batch.shelter, batch=batch)
    if request.method == "POST" and form.is_valid():
        saved = _save_from_form(request, form, batch.shelter, batch)
        if saved is not None:
            return redirect("workshop:batch", pk=saved.pk)
    return _render_form(request, form, batch.shelter, batch)


@workshop_staff_required
def batch_detail(request, pk):
    batch = _batch_for(request, pk)
    can_check = batch.status == ProductionBatch.RECORDED and batch.recorded_by_id != request.user.pk
    form = CheckForm(request.POST or None, batch=batch) if can_check else None
    status = 200
    if request.method == "POST":
        if not can_check:
            messages.error(request, _("This batch cannot be checked by you now."))
            return redirect("workshop:batch", pk=batch.pk)
        if form.is_valid():
            try:
                checked = batch_services.check_batch(
                    user=request.user, batch=batch, accepted=form.accepted()
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                return redirect("workshop:batch", pk=batch.pk)
            if checked.status == ProductionBatch.STOCKED:
                messages.success(
                    request,
                    _("Accepted: %(n)d pieces added to the shop's stock.")
                    % {"n": checked.accepted_pieces},
                )
            else:
                messages.info(request, _("All pieces were rejected; nothing was stocked."))
            return redirect("workshop:batch", pk=batch.pk)
        status = 400
    return render(request, "artisans/workshop/batch_detail.html", {
        "batch": batch,
        "check_form": form,
        "waiting_for_other": batch.status == ProductionBatch.RECORDED and not can_check,
        "pieces": batch.pieces.select_related("product") if batch.status == "stocked" else [],
    }, status=status)


@require_POST
@workshop_staff_required
def batch_submit(request, pk):
    batch = _batch_for(request, pk)
    try:
        batch_services.submit_batch(user=request.user, batch=batch)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Batch sent for its quality check."))
    return redirect("workshop:batch", pk=batch.pk)


def batch_photo(request, pk, photo_pk):
    """A batch photo, for staff of the batch's shelter only (artisans/private_files.py).

    Everyone else gets the same 404 (signed in or not, another shelter's staff too): an image
    address answers nothing that would confirm the batch or the photo exists.
    """
    photo = selectors.batch_photo_for_staff(request.user, pk, photo_pk)
    if photo is None:
        raise Http404
    return private_file_response(photo.image)
