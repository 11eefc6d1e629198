/*
 * Smartpay for Broadleaf Commerce: the admin's Smartpay panel and actions on the Order screen.
 *
 * Reaches the page through the admin.js bundle (the module merges admin/smartpay-admin.js into blJsFileList).
 * Everything shown comes from the server already rendered and HTML-escaped (Thymeleaf th:text); this script only
 * moves fragments around and sets text with .text(). Every POST goes through BLC.ajax, which adds the page's
 * csrfToken (and on Broadleaf 6.2 its stateVersionToken); the server checks the token and the admin's Smartpay
 * permission again on every call.
 *
 * Written for both Broadleaf lines' admins: the Refund / Capture / Cancel actions are found by their class, not their
 * element (3.1 shows each action as a button; 6.2 shows the last one as a button and the others as links in the title
 * bar's drop-down), and only BLCAdmin / BLC calls both admins have are used.
 */
(function ($, window) {
    'use strict';

    var ORDER_PATH = /\/order\/(\d+)$/;

    /** Absolute URL of the order being edited (the entity form posts to it), or null on other pages. */
    function orderUrl() {
        var action = $('form.entity-form').first().attr('action');
        if (!action) {
            return null;
        }
        var path = action.split('?')[0];
        return ORDER_PATH.test(path) ? path : null;
    }

    function smartpayUrl(suffix) {
        return orderUrl() + '/smartpay/' + suffix;
    }

    function panelSlot() {
        var $slot = $('#smartpay-panel-slot');
        if ($slot.length === 0) {
            $slot = $('<div>', { id: 'smartpay-panel-slot', 'class': 'twelve columns' });
            $('form.entity-form').first().before($slot);
        }
        return $slot;
    }

    /** While an operation is in flight (a slow Smartpay), the panel is refreshed every 2 s, for 2 minutes at most. */
    var SETTLE_POLL_MILLIS = 2000;
    var SETTLE_POLLS = 60;
    var settlePollsLeft = 0;
    var settleTimer = null;
    var settleSeen = false;

    /**
     * (Re)loads the panel; the server answers 204 for orders not paid with Smartpay. {@code journalOnly}: without
     * Smartpay's live status (polling while an operation settles asks the journal, not a slow Smartpay, again).
     */
    function loadPanel(flashText, journalOnly) {
        if (!orderUrl()) {
            return;
        }
        $.ajax({ url: smartpayUrl('panel') + (journalOnly ? '?live=false' : ''), type: 'GET', dataType: 'html', cache: false })
            .done(function (html, status, xhr) {
                if (xhr.status === 204 || !html) {
                    $('#smartpay-panel-slot').remove();
                    return;
                }
                var $slot = panelSlot();
                $slot.html(html);
                if (flashText) {
                    $slot.find('.smartpay-flash').text(flashText).show();
                }
                followSettling($slot.find('.smartpay-panel').attr('data-settling') === 'true');
            });
    }

    /** Keeps polling while the panel shows an operation in flight; once it settled, one last load with Smartpay's status. */
    function followSettling(settling) {
        if (settleTimer !== null) {
            clearTimeout(settleTimer);
            settleTimer = null;
        }
        if (settling && settlePollsLeft > 0) {
            settleSeen = true;
            settlePollsLeft--;
            var flash = $('#smartpay-panel-slot .smartpay-flash:visible').text(); // "sent; not confirmed yet" stays meanwhile
            settleTimer = setTimeout(function () { settleTimer = null; loadPanel(flash, true); }, SETTLE_POLL_MILLIS);
            return;
        }
        var settledNow = settleSeen && !settling;
        settlePollsLeft = 0;
        settleSeen = false;
        if (settledNow) {
            loadPanel(null, false);
        }
    }

    function watchSettling() {
        settlePollsLeft = SETTLE_POLLS;
    }

    function showModal(suffix) {
        BLCAdmin.showLinkAsModal(smartpayUrl(suffix));
    }

    /** Writes the server's field errors next to their fields (text only). */
    function showErrors($form, errors) {
        $form.find('.smartpay-field-error').text('').hide();
        $form.find('.smartpay-invalid').removeClass('smartpay-invalid');
        $.each(errors || {}, function (field, message) {
            var $error = $form.find('.smartpay-field-error[data-field="' + field + '"]');
            if ($error.length === 0) {
                $error = $form.find('.smartpay-field-error[data-field="_form"]');
            }
            $error.text(message).show();
            $form.find('[name="' + field + '"]').addClass('smartpay-invalid');
        });
    }

    /**
     * The panel's own answers are JSON. Anything else (Broadleaf's error page after its CSRF filter refused an
     * expired form, a proxy's error) did not come from the panel: say so, in the admin's language.
     */
    function unansweredMessage(xhr) {
        var text = $('#smartpay-panel-slot .smartpay-panel').attr('data-unanswered');
        return text ? text.replace('{0}', String(xhr.status)) : 'HTTP ' + xhr.status;
    }

    function submitModalForm($form) {
        var $button = $form.find('.smartpay-submit');
        $button.prop('disabled', true);
        BLC.ajax({
            url: $form.attr('action'),
            type: 'POST',
            dataType: 'json',
            data: $form.serialize(),
            error: function (xhr) {
                $button.prop('disabled', false);
                var body = xhr.responseJSON || {};
                try { body = body.errors ? body : $.parseJSON(xhr.responseText); } catch (e) { body = {}; }
                showErrors($form, body.errors || { _form: body.message || unansweredMessage(xhr) });
            }
        }, function (result) {
            $button.prop('disabled', false);
            if (result.ok) {
                BLCAdmin.hideCurrentModal();
                if (result.settling) {
                    watchSettling();
                }
                loadPanel(result.message);
            } else {
                showErrors($form, result.errors);
            }
        });
    }

    $(document).ready(function () {
        watchSettling(); // an operation still in flight when the page opens is followed too
        loadPanel();
    });

    $('body').on('click', '.smartpay-refund-button', function (event) {
        event.preventDefault();
        showModal('refund');
    });

    $('body').on('click', '.smartpay-capture-button', function (event) {
        event.preventDefault();
        showModal('capture');
    });

    $('body').on('click', '.smartpay-cancel-button', function (event) {
        event.preventDefault();
        showModal('cancel');
    });

    $('body').on('submit', 'form.smartpay-modal-form', function (event) {
        event.preventDefault();
        submitModalForm($(this));
    });

    $('body').on('click', 'button.smartpay-dismiss', function (event) {
        event.preventDefault();
        BLCAdmin.hideCurrentModal();
    });

    $('body').on('click', 'button.smartpay-refresh', function (event) {
        event.preventDefault();
        loadPanel();
    });

    // Item quantities decide the amount: the amount field is then not used.
    $('body').on('input change', 'form.smartpay-refund-form input.smartpay-quantity', function () {
        var $form = $(this).closest('form');
        var byItems = $form.find('input.smartpay-quantity').filter(function () {
            return $.trim($(this).val()) !== '' && $.trim($(this).val()) !== '0';
        }).length > 0;
        $form.find('input[name="amount"]').prop('disabled', byItems);
    });

    $('body').on('click', 'button.smartpay-retry-button', function (event) {
        event.preventDefault();
        var $button = $(this);
        $button.prop('disabled', true);
        BLC.ajax({
            url: smartpayUrl('retry'),
            type: 'POST',
            dataType: 'json',
            data: {
                operationKey: $button.attr('data-operation-key'),
                requestId: $('#smartpay-panel-slot .smartpay-panel').attr('data-retry-request-id')
            },
            error: function (xhr) {
                $button.prop('disabled', false);
                var message = unansweredMessage(xhr);
                try { message = $.parseJSON(xhr.responseText).message || message; } catch (e) { /* keep */ }
                $('#smartpay-panel-slot .smartpay-flash').text(message).show();
            }
        }, function (result) {
            if (result.settling) {
                watchSettling();
            }
            loadPanel(result.ok ? result.message : (result.errors || {})._form);
        });
    });

    window.SmartpayAdmin = { reloadPanel: loadPanel };
})(jQuery, window);
