-- Smartpay operation journal (MySQL 5.7+ / MariaDB 10.3+, InnoDB, utf8mb4: keys fit the 767-byte index limit).
-- Hibernate creates this table itself only when blPU.hibernate.hbm2ddl.auto is create/update;
-- production databases run this script once.
CREATE TABLE SMARTPAY_OPERATION (
    ID                     BIGINT        NOT NULL AUTO_INCREMENT,
    OPERATION_KEY          VARCHAR(190)  NOT NULL,
    PARENT_KEY             VARCHAR(190),
    KIND                   VARCHAR(32)   NOT NULL,
    ORDER_ID               BIGINT        NOT NULL,
    FULFILLMENT_GROUP_ID   BIGINT,
    ORDER_PAYMENT_ID       BIGINT,
    PARENT_TRANSACTION_ID  BIGINT,
    PAYMENT_TRANSACTION_ID BIGINT,
    SMARTPAY_ORDER_ID      VARCHAR(64),
    SMARTPAY_PAYMENT_ID    VARCHAR(64),
    SMARTPAY_REFUND_ID     VARCHAR(64),
    AMOUNT                 BIGINT        NOT NULL,
    CURRENCY               VARCHAR(3)    NOT NULL,
    CANCEL_REMAINDER       VARCHAR(16),
    REFUND_REASON          VARCHAR(32),
    DESCRIPTION            VARCHAR(255),
    ITEM_QUANTITIES        VARCHAR(1000),
    STATUS                 VARCHAR(16)   NOT NULL,
    ATTEMPTS               INT           NOT NULL,
    NEXT_ATTEMPT_AT        DATETIME(3),
    LAST_ERROR_CODE        VARCHAR(64),
    LAST_ERROR_MESSAGE     VARCHAR(1000),
    CLAIMED_BY             VARCHAR(128),
    CLAIMED_UNTIL          DATETIME(3),
    CREATED_AT             DATETIME(3)   NOT NULL,
    UPDATED_AT             DATETIME(3)   NOT NULL,
    VERSION                INT           NOT NULL,
    CONSTRAINT PK_SMARTPAY_OPERATION PRIMARY KEY (ID),
    CONSTRAINT UK_SMARTPAY_OPERATION_KEY UNIQUE (OPERATION_KEY),
    INDEX IX_SMARTPAY_OP_DUE (STATUS, NEXT_ATTEMPT_AT),
    INDEX IX_SMARTPAY_OP_ORDER (ORDER_ID),
    INDEX IX_SMARTPAY_OP_PARENT (PARENT_KEY)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- This store's installation id (one row, written by the module on first use).
CREATE TABLE SMARTPAY_INSTALLATION (
    INSTALLATION_ID        VARCHAR(32)   NOT NULL,
    CREATED_AT             DATETIME(3)   NOT NULL,
    CONSTRAINT PK_SMARTPAY_INSTALLATION PRIMARY KEY (INSTALLATION_ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
