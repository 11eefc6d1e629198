/*
 * Smartpay for Broadleaf Commerce: the actions of the admin menu's Smartpay section (Needs attention, Health).
 *
 * Joins the admin.js bundle like smartpay-admin.js. Each button posts its row's form (item, order and the page's tokens:
 * csrfToken, and on Broadleaf 6.2 stateVersionToken, views/smartpay/formTokens) with the action and the request id
 * the server issued with the page; the answer's message is set as text. The server checks
 * the permission, the CSRF token and the request id again; a refused action changes nothing.
 */
(function ($) {
    'use strict';

    function answerText(xhr) {
        try {
            var body = $.parseJSON(xhr.responseText);
            if (body && body.message) {
                return body.message;
            }
        } catch (e) { /* not JSON: a proxy's page */ }
        return 'HTTP ' + xhr.status;
    }

    function post($form, url, data, $buttons, $message, done) {
        $buttons.prop('disabled', true);
        $message.removeClass('ok error').text('');
        $.ajax({ url: url, type: 'POST', dataType: 'json', data: data })
            .done(function (result) {
                $message.addClass(result.ok ? 'ok' : 'error').text(result.message || '');
                if (!result.ok) {
                    $buttons.prop('disabled', false);
                }
                if (done) {
                    done(result);
                }
            })
            .fail(function (xhr) {
                $buttons.prop('disabled', false);
                $message.addClass('error').text(answerText(xhr));
            });
    }

    function act($form, action, requestId) {
        var data = $form.serializeArray();
        data.push({ name: 'action', value: action });
        data.push({ name: 'requestId', value: requestId });
        post($form, $form.attr('action'), $.param(data), $form.find('button'), $form.find('.smartpay-attention-message'),
            function (result) {
                if (result.ok) {
                    $form.closest('tr').addClass('smartpay-settled');
                    $form.find('.smartpay-attention-note').hide();
                }
            });
    }

    $('body').on('click', 'button.smartpay-attention-action', function (event) {
        event.preventDefault();
        var $button = $(this);
        var $form = $button.closest('form');
        if ($button.attr('data-action') === 'RESOLVE') {
            $form.find('.smartpay-attention-note').show().find('textarea').focus();
            return;
        }
        act($form, $button.attr('data-action'), $button.attr('data-request-id'));
    });

    $('body').on('click', 'button.smartpay-attention-resolve-confirm', function (event) {
        event.preventDefault();
        var $button = $(this);
        act($button.closest('form'), 'RESOLVE', $button.attr('data-request-id'));
    });

    $('body').on('click', 'button.smartpay-health-action', function (event) {
        event.preventDefault();
        var $button = $(this);
        var $form = $button.closest('form');
        var data = $form.find('input[type=hidden]').serializeArray();
        data.push({ name: 'requestId', value: $button.attr('data-request-id') });
        var $checks = $form.find('.smartpay-health-checks').empty();
        post($form, $button.attr('data-url'), $.param(data), $form.find('button'), $form.find('.smartpay-health-message'), function (result) {
            $form.find('button').prop('disabled', false);
            $.each(result.checks || [], function (i, check) {
                $('<li>').addClass(check.ok ? 'ok' : 'error').text(check.check + ': ' + check.detail).appendTo($checks);
            });
        });
    });
})(jQuery);
