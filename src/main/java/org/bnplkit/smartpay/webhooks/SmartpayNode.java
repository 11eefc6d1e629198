package org.bnplkit.smartpay.webhooks;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import javax.annotation.Resource;

import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.springframework.stereotype.Component;

/**
 * This node's name in lease columns (CLAIMED_BY of the inbox and the job leases): gateway.smartpay.nodeId, or host
 * name + process id + a per-context suffix, like the operation journal's.
 */
@Component("blSmartpayWebhookNode")
public class SmartpayNode {

    private final String defaultId = ManagementFactory.getRuntimeMXBean().getName() + "#"
            + UUID.randomUUID().toString().substring(0, 8);

    @Resource(name = "blSmartpayOperationsSettings")
    protected SmartpayOperationsSettings settings;

    public String id() {
        String configured = settings == null ? "" : settings.nodeId();
        return configured.isEmpty() ? defaultId : configured;
    }
}
