package org.rightsflow.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.rightsflow.demo.DemoAccounts.CHEN_JIE;
import static org.rightsflow.demo.DemoAccounts.CHEN_JIE_PHONE;
import static org.rightsflow.demo.DemoAccounts.LI_LEI;
import static org.rightsflow.demo.DemoAccounts.SUN_LAN;
import static org.rightsflow.demo.DemoAccounts.SUN_LAN_PHONE;
import static org.rightsflow.demo.DemoAccounts.LI_LEI_PHONE;
import static org.rightsflow.demo.DemoAccounts.WANG_FANG;
import static org.rightsflow.demo.DemoAccounts.WANG_FANG_PHONE;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_AGE;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_GUARDIAN_EMAIL;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_GUARDIAN_PHONE;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_PHONE;
import static org.rightsflow.demo.DemoAccounts.ZHAO_QIANG;
import static org.rightsflow.demo.DemoAccounts.ZHAO_QIANG_PHONE;

/**
 * Seeds the demo accounts of docs/operations.md (demo data) into the account system when
 * {@code rightsflow.demo.enabled=true} (the default profile). Idempotent:
 * <ul>
 *   <li>once every singleton exists (so after the Flyway migrations, which the JdbcTemplate
 *       depends on) the five accounts are inserted in one transaction, each only if its email
 *       is absent; xiao.ming's date of birth is moved if a long-lived database made him 14;</li>
 *   <li>when the application is ready, a background thread tops chen.jie's operation log up to
 *       {@code rightsflow.demo.large-account-operation-logs} rows (default 200,000) with JDBC
 *       batches, one transaction per batch, so start-up is not slowed and an interrupted run
 *       continues where it stopped. {@link #awaitLargeAccount(Duration)} waits for it.</li>
 * </ul>
 * All values are fake: ID numbers use the non-existent region code 000000, bank accounts are
 * mostly zeros, IPs come from the documentation ranges (RFC 5737).
 *
 * <p>Demo data stays inside its retention periods, except a few rows seeded on purpose to show the nightly sweep
 * (proactive deletion) at work: li.lei's payment, bill and invoice of four years ago and two operation logs older
 * than six months, and wang.fang's face data, whose consent she withdrew.
 */
@Component
@ConditionalOnProperty(name = "rightsflow.demo.enabled", havingValue = "true")
public class DemoAccountsSeeder implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoAccountsSeeder.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int BATCH_SIZE = 2_000;
    /**
     * Spacing of chen.jie's generated operations: 200,000 rows cover about 139 days, inside the operation logs'
     * 6-month retention, so that the nightly sweep leaves the long history alone (docs/retention.md).
     */
    private static final Duration LARGE_LOG_STEP = Duration.ofMinutes(1);

    private static final String[] ACTIONS = {
            "console.login", "cvm.instance.describe", "cos.bucket.list", "billing.bill.view",
            "cam.user.list", "api.key.use", "cvm.instance.restart", "vpc.describe", "console.logout"};
    private static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0", "Mozilla/5.0 (Macintosh) Safari/605.1",
            "demo-cli/3.0.1", "demo-sdk-java/3.1.0"};

    /** The demo billing system's schema (its own database; see the data map's datamap/billing-system.json). */
    public static final String BILLING_SCHEMA = "demo/billing-system.sql";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate billing;
    private final TransactionTemplate billingTransaction;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final int largeAccountOperationLogs;
    private final Clock clock;
    private final CompletableFuture<Long> largeAccount = new CompletableFuture<>();
    private final AtomicBoolean largeAccountStarted = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile Thread worker;

    @Autowired
    public DemoAccountsSeeder(JdbcTemplate jdbc, DataConnectors connectors,
                              @Value("${rightsflow.demo.large-account-operation-logs:"
                                      + DemoAccounts.DEFAULT_LARGE_ACCOUNT_OPERATION_LOGS + "}")
                              int largeAccountOperationLogs,
                              ObjectProvider<Clock> clock) {
        this(jdbc, billingDatabase(connectors), largeAccountOperationLogs, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Every system in one database (tests and tools). */
    public DemoAccountsSeeder(JdbcTemplate jdbc, int largeAccountOperationLogs, Clock clock) {
        this(jdbc, jdbc, largeAccountOperationLogs, clock);
    }

    /**
     * @param jdbc    the application's database (the account system)
     * @param billing the billing system's database, or null when the data map has no JDBC billing system
     */
    public DemoAccountsSeeder(JdbcTemplate jdbc, JdbcTemplate billing, int largeAccountOperationLogs, Clock clock) {
        if (largeAccountOperationLogs < 0) {
            throw new IllegalArgumentException("rightsflow.demo.large-account-operation-logs must not be negative");
        }
        this.jdbc = jdbc;
        this.billing = billing;
        this.billingTransaction = billing == null ? null
                : new TransactionTemplate(new DataSourceTransactionManager(billing.getDataSource()));
        this.dataSource = jdbc.getDataSource();
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.largeAccountOperationLogs = largeAccountOperationLogs;
        this.clock = clock;
    }

    /** The database of the JDBC system that holds the bills (the demo's billing system), if there is one. */
    static JdbcTemplate billingDatabase(DataConnectors connectors) {
        return connectors.jdbcConnectors().stream()
                .filter(c -> c.system().category(DataCategory.BILLING).isPresent())
                .findFirst().map(c -> new JdbcTemplate(c.dataSource())).orElse(null);
    }

    @Override
    public void afterSingletonsInstantiated() {
        seedAccounts();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onApplicationReady() {
        startLargeAccountSeeding();
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        Thread running = worker;
        if (running != null) {
            running.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    // ------------------------------------------------------------------ small accounts

    /**
     * Inserts each demo account whose email is absent, with its data, in one transaction.
     *
     * @return the emails inserted by this call (empty when everything was there)
     */
    public synchronized List<String> seedAccounts() {
        List<String> inserted;
        try {
            inserted = transaction.execute(status -> {
                List<String> added = new ArrayList<>();
                OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZONE));
                LocalDate today = now.toLocalDate();
                if (absent(LI_LEI)) {
                    seedLiLei(now);
                    added.add(LI_LEI);
                }
                if (absent(WANG_FANG)) {
                    seedWangFang(now);
                    added.add(WANG_FANG);
                }
                if (absent(ZHAO_QIANG)) {
                    seedZhaoQiang(now);
                    added.add(ZHAO_QIANG);
                }
                if (absent(XIAO_MING)) {
                    seedXiaoMing(now, today);
                    added.add(XIAO_MING);
                } else {
                    keepXiaoMingThirteen(today);
                }
                if (absent(CHEN_JIE)) {
                    seedChenJie(now);
                    added.add(CHEN_JIE);
                }
                if (absent(SUN_LAN)) {
                    seedSunLan(now);
                    added.add(SUN_LAN);
                }
                return added;
            });
        } catch (DuplicateKeyException concurrent) {
            log.info("Demo accounts were seeded concurrently by another instance");
            return List.of();
        }
        if (!inserted.isEmpty()) {
            // how many, not whose: an email in a log line is personal data in the log (issue 9 item 5)
            log.info("Seeded {} demo accounts", inserted.size());
        }
        seedBilling();
        return inserted;
    }

    private boolean absent(String email) {
        Integer n = jdbc.queryForObject("select count(*) from account where email = ?", Integer.class, email);
        return n == null || n == 0;
    }

    private void seedLiLei(OffsetDateTime now) {
        OffsetDateTime created = now.minusDays(1_900);
        long id = account(LI_LEI, LI_LEI_PHONE, "李雷", LocalDate.of(1990, 5, 12), null, null, false, created);
        login(id, "EMAIL", LI_LEI, created);
        login(id, "PHONE", LI_LEI_PHONE, created);
        login(id, "WECHAT", "oDEMO_wx_openid_lilei_0001", created.plusDays(30));
        login(id, "QQ", "100000001", created.plusDays(400));
        realName(id, "李雷", demoIdNumber(LocalDate.of(1990, 5, 12), 11), "demo://face-data/li.lei/0001", "FACE",
                created.plusDays(2));
        security(id, LI_LEI_PHONE, "li.lei.security@example.com", true, created.plusDays(2));
        operationLogs(id, 22, now, Duration.ofDays(7), "203.0.113.");
        // two operations older than the 6-month retention, on purpose: the sweep deletes them
        operationLogs(id, 2, now.minusMonths(8), Duration.ofDays(30), "203.0.113.");
        contract(id, "DEMO-CT-0001", "云服务用户协议（企业版）", "李雷", LI_LEI_PHONE, LI_LEI, now.minusDays(700),
                now.plusDays(30));
        ticket(id, "DEMO-TK-0001", "WEB", "云服务器无法远程登录", "按照文档配置安全组后仍无法通过 SSH 登录（演示工单）。",
                "demo://support/attachments/li.lei/screenshot-0001.png", null, "CLOSED", now.minusDays(300));
        ticket(id, "DEMO-TK-0002", "PHONE", "咨询发票开具", "电话咨询增值税普通发票的开具流程（演示工单）。",
                null, "demo://support/recordings/li.lei/call-0002.mp3", "CLOSED", now.minusDays(190));
        consent(id, "MARKETING", true, created, "REGISTRATION");
        consent(id, "PERSONALISED_RECOMMENDATIONS", true, created, "REGISTRATION");
        consent(id, "BEHAVIOUR_COOKIES", true, created.plusDays(1), "COOKIE_BANNER");
        consent(id, "AFFILIATE_SHARING", false, created, "REGISTRATION");
        consent(id, "MARKETPLACE_SHARING", true, created.plusDays(400), "CONSOLE");
        consent(id, "FACE_RECOGNITION", true, created.plusDays(2), "CONSOLE");
    }

    private void seedWangFang(OffsetDateTime now) {
        OffsetDateTime created = now.minusDays(900);
        long id = account(WANG_FANG, WANG_FANG_PHONE, "王芳", LocalDate.of(1985, 11, 3), null, null, false, created);
        login(id, "EMAIL", WANG_FANG, created);
        login(id, "PHONE", WANG_FANG_PHONE, created);
        realName(id, "王芳", demoIdNumber(LocalDate.of(1985, 11, 3), 22), "demo://face-data/wang.fang/0001", "FACE",
                created.plusDays(1));
        security(id, WANG_FANG_PHONE, null, false, created.plusDays(1));
        operationLogs(id, 12, now, Duration.ofDays(14), "203.0.113.");
        consent(id, "MARKETING", true, created, "REGISTRATION");
        consent(id, "BEHAVIOUR_COOKIES", true, created, "COOKIE_BANNER");
        // withdrawn in the console a month ago: her face data rests on nothing any more, and the sweep empties it
        consent(id, "FACE_RECOGNITION", false, now.minusDays(30), "CONSOLE");
        resource(id, "CVM", "web-server-01", "ap-guangzhou", "ACTIVE", now.minusDays(400), null);
        resource(id, "COS", "wangfang-backup-1250000000", "ap-shanghai", "ACTIVE", now.minusDays(380), null);
        resource(id, "CVM", "test-server-old", "ap-guangzhou", "RELEASED", now.minusDays(800), now.minusDays(600));
    }

    private void seedZhaoQiang(OffsetDateTime now) {
        OffsetDateTime created = now.minusDays(1_200);
        long id = account(ZHAO_QIANG, ZHAO_QIANG_PHONE, "赵强", LocalDate.of(1978, 2, 17), null, null, true, created);
        login(id, "EMAIL", ZHAO_QIANG, created);
        login(id, "PHONE", ZHAO_QIANG_PHONE, created);
        realName(id, "赵强", demoIdNumber(LocalDate.of(1978, 2, 17), 33), null, "ID_DOCUMENT", created.plusDays(1));
        operationLogs(id, 10, now, Duration.ofDays(9), "198.51.100.");
        consent(id, "MARKETING", false, created, "REGISTRATION");
    }

    private void seedXiaoMing(OffsetDateTime now, LocalDate today) {
        OffsetDateTime created = now.minusDays(200);
        long id = account(XIAO_MING, XIAO_MING_PHONE, "肖明", thirteenYearsOld(today),
                XIAO_MING_GUARDIAN_EMAIL, XIAO_MING_GUARDIAN_PHONE, false, created);
        login(id, "EMAIL", XIAO_MING, created);
        login(id, "PHONE", XIAO_MING_PHONE, created);
        operationLogs(id, 5, now, Duration.ofDays(30), "203.0.113.");
        ticket(id, "DEMO-TK-0003", "WEB", "学生优惠怎么申请", "想了解学生云服务器优惠（演示工单）。", null, null,
                "CLOSED", now.minusDays(150));
        consent(id, "MARKETING", false, created, "REGISTRATION");
        consent(id, "BEHAVIOUR_COOKIES", true, created, "COOKIE_BANNER");
    }

    /** Deceased 60 days ago, without an instruction of her own: her close relatives may file (PIPL Art. 49). */
    private void seedSunLan(OffsetDateTime now) {
        OffsetDateTime created = now.minusDays(1_500);
        long id = account(SUN_LAN, SUN_LAN_PHONE, "孙兰", LocalDate.of(1948, 4, 12), null, null, false, created);
        jdbc.update("update account set deceased_on = ? where id = ?", now.toLocalDate().minusDays(60), id);
        login(id, "EMAIL", SUN_LAN, created);
        login(id, "PHONE", SUN_LAN_PHONE, created);
        operationLogs(id, 4, now.minusDays(61), Duration.ofDays(20), "203.0.113.");
        consent(id, "MARKETING", false, created, "REGISTRATION");
    }

    private void seedChenJie(OffsetDateTime now) {
        OffsetDateTime created = now.minusDays(2_000);
        long id = account(CHEN_JIE, CHEN_JIE_PHONE, "陈杰", LocalDate.of(1982, 8, 8), null, null, false, created);
        login(id, "EMAIL", CHEN_JIE, created);
        login(id, "PHONE", CHEN_JIE_PHONE, created);
        login(id, "WECOM", "wwDEMO_corp_chenjie_0006", created.plusDays(100));
        realName(id, "陈杰", demoIdNumber(LocalDate.of(1982, 8, 8), 55), null, "BANK_CARD", created.plusDays(1));
        security(id, CHEN_JIE_PHONE, "chen.jie.security@example.com", true, created.plusDays(1));
        contract(id, "DEMO-CT-0006", "云服务用户协议（企业版）", "陈杰", CHEN_JIE_PHONE, CHEN_JIE, created,
                null);
        consent(id, "MARKETING", true, created, "REGISTRATION");
        consent(id, "PERSONALISED_RECOMMENDATIONS", false, created, "REGISTRATION");
        consent(id, "BEHAVIOUR_COOKIES", true, created, "COOKIE_BANNER");
        // the long operation history is added by the background top-up
    }

    /** Born 13 years and 100 days before today: 13 for the next 265 days. */
    static LocalDate thirteenYearsOld(LocalDate today) {
        return today.minusYears(XIAO_MING_AGE).minusDays(100);
    }

    private void keepXiaoMingThirteen(LocalDate today) {
        LocalDate birth = jdbc.queryForObject("select birth_date from account where email = ?",
                (rs, n) -> rs.getObject(1, LocalDate.class), XIAO_MING);
        if (birth == null || Period.between(birth, today).getYears() != XIAO_MING_AGE) {
            jdbc.update("update account set birth_date = ? where email = ?", thirteenYearsOld(today), XIAO_MING);
            log.info("Moved the demo minor's date of birth so that he is {} again", XIAO_MING_AGE);
        }
    }

    // ------------------------------------------------------------------ the billing system's database

    /**
     * Payments, bills and invoices of the demo accounts, in the billing system's database (a database of its own:
     * its schema comes from {@value #BILLING_SCHEMA} here; in a real deployment it exists already). Each account's
     * rows are inserted only if the billing system holds none for it. A billing database that is down does not stop
     * the start: the rows are added at the next start.
     *
     * @return how many accounts got billing rows now
     */
    public synchronized int seedBilling() {
        if (billing == null) {
            return 0;
        }
        try {
            new ResourceDatabasePopulator(new ClassPathResource(BILLING_SCHEMA)).execute(billing.getDataSource());
            Integer added = billingTransaction.execute(status -> {
                int accounts = 0;
                OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZONE));
                for (String email : List.of(LI_LEI, WANG_FANG, ZHAO_QIANG, CHEN_JIE)) {
                    List<Long> ids = jdbc.queryForList("select id from account where email = ?", Long.class, email);
                    if (!ids.isEmpty() && !hasBillingRows(ids.get(0))) {
                        seedBilling(email, ids.get(0), now);
                        accounts++;
                    }
                }
                return accounts;
            });
            if (added != null && added > 0) {
                log.info("Seeded the billing system's rows of {} demo accounts", added);
            }
            return added == null ? 0 : added;
        } catch (org.springframework.dao.DataAccessResourceFailureException unreachable) {
            log.warn("The demo billing database cannot be reached; its rows are seeded at the next start");
            return 0;
        }
    }

    private boolean hasBillingRows(long accountId) {
        Integer n = billing.queryForObject("select (select count(*) from account_payment where account_id = ?)"
                + " + (select count(*) from account_bill where account_id = ?)"
                + " + (select count(*) from account_invoice where account_id = ?)", Integer.class,
                accountId, accountId, accountId);
        return n != null && n > 0;
    }

    private void seedBilling(String email, long id, OffsetDateTime now) {
        switch (email) {
            case LI_LEI -> {
                // two payments within the 3-year retention period, one past it
                payment(id, "TOP_UP", "500.00", "李雷", "中国工商银行（演示）", "6222 **** **** 0001", "6222000000000000001",
                        now.minusDays(20));
                payment(id, "REMITTANCE", "1200.00", "李雷", "中国工商银行（演示）", "6222 **** **** 0001",
                        "6222000000000000001", now.minusDays(200));
                // past its retention on purpose, like the bill and the invoice of four years ago: the sweep
                // anonymises the payment and the invoice and deletes the bill
                payment(id, "TOP_UP", "300.00", "李雷", "招商银行（演示）", "6225 **** **** 0002", "6225000000000000002",
                        now.minusYears(4));
                bill(id, now.minusMonths(3), "168.00", "PAID");
                bill(id, now.minusMonths(2), "172.50", "PAID");
                bill(id, now.minusMonths(1), "181.20", "PAID");
                bill(id, now.minusYears(4), "95.00", "PAID");
                invoice(id, "DEMO-INV-LILEI-0001", "李雷", "1200.00", "李雷", "北京市海淀区中关村大街 1 号（演示地址）",
                        LI_LEI_PHONE, "ISSUED", now.minusDays(190));
                invoice(id, "DEMO-INV-LILEI-0002", "李雷", "300.00", "李雷", "北京市海淀区中关村大街 1 号（演示地址）",
                        LI_LEI_PHONE, "ISSUED", now.minusYears(4).plusDays(3));
                preference(id, "MARKETING", true, now.minusDays(600));
                preference(id, "MARKETPLACE_SHARING", true, now.minusDays(400));
            }
            case WANG_FANG -> {
                payment(id, "TOP_UP", "200.00", "王芳", "中国建设银行（演示）", "6217 **** **** 0003", "6217000000000000003",
                        now.minusDays(75));
                bill(id, now.minusMonths(3), "96.00", "PAID");
                bill(id, now.minusMonths(2), "101.40", "PAID");
                bill(id, now.minusMonths(1), "356.80", "UNPAID");
                invoice(id, "DEMO-INV-WANGFANG-0001", "王芳", "200.00", "王芳", "上海市浦东新区世纪大道 100 号（演示地址）",
                        WANG_FANG_PHONE, "ISSUED", now.minusDays(70));
                preference(id, "MARKETING", false, now.minusDays(300));
            }
            case ZHAO_QIANG -> {
                payment(id, "REMITTANCE", "5000.00", "赵强", "中国银行（演示）", "6216 **** **** 0004", "6216000000000000004",
                        now.minusDays(120));
                bill(id, now.minusMonths(2), "1250.00", "PAID");
                bill(id, now.minusMonths(1), "1310.00", "PAID");
            }
            case CHEN_JIE -> {
                for (int month = 1; month <= 6; month++) {
                    payment(id, "TOP_UP", "1000.00", "陈杰", "交通银行（演示）", "6222 **** **** 0006", "6222600000000000006",
                            now.minusMonths(month).plusDays(2));
                    bill(id, now.minusMonths(month), "987.65", "PAID");
            }
            }
            default -> throw new IllegalArgumentException("no billing rows for " + email);
        }
    }

    // ------------------------------------------------------------------ large account

    /** Starts the background top-up of chen.jie's operation log (once; later calls return the same future). */
    public CompletableFuture<Long> startLargeAccountSeeding() {
        if (largeAccountStarted.compareAndSet(false, true)) {
            Thread thread = new Thread(() -> {
                try {
                    largeAccount.complete(topUpLargeAccount());
                } catch (Throwable e) {
                    log.error("Seeding the demo account with the long history failed", e);
                    largeAccount.completeExceptionally(e);
                } finally {
                    worker = null;
                }
            }, "demo-large-account-seeder");
            thread.setDaemon(true);
            worker = thread;
            thread.start();
        }
        return largeAccount;
    }

    /** Completes with chen.jie's operation-log row count once the background top-up has finished. */
    public CompletableFuture<Long> largeAccountSeeding() {
        return largeAccount;
    }

    /**
     * Starts the top-up if needed and waits for it.
     *
     * @return chen.jie's operation-log row count
     * @throws IllegalStateException when it fails or does not finish in time
     */
    public long awaitLargeAccount(Duration timeout) {
        try {
            return startLargeAccountSeeding().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("demo account " + CHEN_JIE + " not seeded within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding demo account " + CHEN_JIE + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the demo account " + CHEN_JIE, e);
        }
    }

    /**
     * Tops chen.jie's operation log up to the configured count, in batches of {@value #BATCH_SIZE}
     * rows, one transaction each. Runs on the calling thread.
     *
     * @return the row count afterwards (0 when chen.jie does not exist)
     */
    long topUpLargeAccount() throws SQLException {
        List<Long> ids = jdbc.queryForList("select id from account where email = ?", Long.class, CHEN_JIE);
        if (ids.isEmpty()) {
            return 0;
        }
        long accountId = ids.get(0);
        long existing = countOperationLogs(accountId);
        if (existing >= largeAccountOperationLogs) {
            return existing;
        }
        long started = System.nanoTime();
        OffsetDateTime end = OffsetDateTime.now(clock.withZone(ZONE));
        long target = largeAccountOperationLogs;
        try (Connection con = dataSource.getConnection()) {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try (PreparedStatement insert = con.prepareStatement("insert into account_operation_log"
                    + " (account_id, action, ip, user_agent, occurred_at) values (?, ?, ?, ?, ?)")) {
                long row = existing;
                while (row < target && !stopping) {
                    long batchEnd = Math.min(target, row + BATCH_SIZE);
                    for (; row < batchEnd; row++) {
                        insert.setLong(1, accountId);
                        insert.setString(2, ACTIONS[(int) (row % ACTIONS.length)]);
                        insert.setString(3, "198.51.100." + (row % 250 + 1));
                        insert.setString(4, USER_AGENTS[(int) (row % USER_AGENTS.length)]);
                        insert.setObject(5, end.minus(LARGE_LOG_STEP.multipliedBy(target - row)));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    con.commit();
                }
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            } finally {
                con.setAutoCommit(autoCommit);
            }
        }
        long total = countOperationLogs(accountId);
        log.info("The demo account with the long history has {} operation-log rows ({} added in {} ms)", total,
                total - existing, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return total;
    }

    private long countOperationLogs(long accountId) {
        Long n = jdbc.queryForObject("select count(*) from account_operation_log where account_id = ?",
                Long.class, accountId);
        return n == null ? 0 : n;
    }

    // ------------------------------------------------------------------ rows

    private long account(String email, String phone, String displayName, LocalDate birthDate, String guardianEmail,
                         String guardianPhone, boolean legalHold, OffsetDateTime created) {
        jdbc.update("insert into account (email, phone, display_name, birth_date, guardian_email, guardian_phone,"
                        + " legal_hold, open_investigation, status, restricted, contact_changed_at, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, false, 'ACTIVE', false, ?, ?)",
                email, phone, displayName, birthDate, guardianEmail, guardianPhone, legalHold, created, created);
        Long id = jdbc.queryForObject("select id from account where email = ?", Long.class, email);
        return id == null ? -1 : id;
    }

    private void login(long accountId, String provider, String externalId, OffsetDateTime boundAt) {
        jdbc.update("insert into account_login (account_id, provider, external_id, bound_at) values (?, ?, ?, ?)",
                accountId, provider, externalId, boundAt);
    }

    private void realName(long accountId, String fullName, String idNumber, String faceDataRef, String method,
                          OffsetDateTime verifiedAt) {
        jdbc.update("insert into account_real_name (account_id, full_name, id_type, id_number, face_data_ref,"
                        + " verification_method, verified_at) values (?, ?, 'RESIDENT_ID_CARD', ?, ?, ?, ?)",
                accountId, fullName, idNumber, faceDataRef, method, verifiedAt);
    }

    private void security(long accountId, String phone, String email, boolean mfa, OffsetDateTime updatedAt) {
        jdbc.update("insert into account_security (account_id, security_phone, security_email, mfa_enabled,"
                + " updated_at) values (?, ?, ?, ?, ?)", accountId, phone, email, mfa, updatedAt);
    }

    private void payment(long accountId, String kind, String amount, String payer, String bank, String masked,
                         String full, OffsetDateTime paidAt) {
        billing.update("insert into account_payment (account_id, kind, amount, currency, payer_name, bank_name,"
                        + " bank_account_masked, bank_account_full, paid_at) values (?, ?, ?, 'CNY', ?, ?, ?, ?, ?)",
                accountId, kind, new BigDecimal(amount), payer, bank, masked, full, paidAt);
    }

    private void bill(long accountId, OffsetDateTime periodStart, String amount, String status) {
        OffsetDateTime issued = periodStart.plusMonths(1).withDayOfMonth(1).withHour(9).withMinute(0)
                .withSecond(0).withNano(0);
        billing.update("insert into account_bill (account_id, billing_period, amount, currency, status, issued_at,"
                        + " paid_at) values (?, ?, ?, 'CNY', ?, ?, ?)",
                accountId, periodStart.format(DateTimeFormatter.ofPattern("yyyy-MM")), new BigDecimal(amount),
                status, issued, "PAID".equals(status) ? issued.plusDays(3) : null);
    }

    private void invoice(long accountId, String invoiceNo, String title, String amount, String recipient,
                         String address, String contact, String status, OffsetDateTime requestedAt) {
        billing.update("insert into account_invoice (account_id, invoice_no, invoice_title, amount, recipient_name,"
                        + " recipient_address, recipient_contact, status, requested_at, issued_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                accountId, "ISSUED".equals(status) ? invoiceNo : null, title, new BigDecimal(amount), recipient,
                address, contact, status, requestedAt, "ISSUED".equals(status) ? requestedAt.plusDays(2) : null);
    }

    /** The billing system's own consent register (offers with bills, Marketplace sharing). */
    private void preference(long accountId, String purpose, boolean granted, OffsetDateTime changedAt) {
        billing.update("insert into billing_preference (account_id, purpose, granted, changed_at, source)"
                + " values (?, ?, ?, ?, 'CONSOLE')", accountId, purpose, granted, changedAt);
    }

    private void operationLogs(long accountId, int count, OffsetDateTime now, Duration spacing, String ipPrefix) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = count; i >= 1; i--) {
            rows.add(new Object[]{accountId, ACTIONS[i % ACTIONS.length], ipPrefix + (10 + i % 50),
                    USER_AGENTS[i % USER_AGENTS.length], now.minus(spacing.multipliedBy(i)).plusHours(i % 7)});
        }
        jdbc.batchUpdate("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at)"
                + " values (?, ?, ?, ?, ?)", rows);
    }

    private void contract(long accountId, String number, String title, String signatory, String phone, String email,
                          OffsetDateTime signedAt, OffsetDateTime expiresAt) {
        jdbc.update("insert into account_contract (account_id, contract_no, title, signatory_name, signatory_phone,"
                        + " signatory_email, signed_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                accountId, number, title, signatory, phone, email, signedAt, expiresAt);
    }

    private void ticket(long accountId, String number, String channel, String subject, String description,
                        String attachment, String recording, String status, OffsetDateTime openedAt) {
        jdbc.update("insert into account_support_ticket (account_id, ticket_no, channel, subject, description,"
                        + " attachment_ref, call_recording_ref, status, opened_at, closed_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                accountId, number, channel, subject, description, attachment, recording, status, openedAt,
                "CLOSED".equals(status) ? openedAt.plusDays(2) : null);
    }

    private void consent(long accountId, String purpose, boolean granted, OffsetDateTime changedAt, String source) {
        jdbc.update("insert into account_consent (account_id, purpose, granted, changed_at, source)"
                + " values (?, ?, ?, ?, ?)", accountId, purpose, granted, changedAt, source);
    }

    private void resource(long accountId, String type, String name, String region, String status,
                          OffsetDateTime createdAt, OffsetDateTime releasedAt) {
        jdbc.update("insert into account_resource (account_id, resource_type, resource_name, region, status,"
                        + " created_at, released_at) values (?, ?, ?, ?, ?, ?, ?)",
                accountId, type, name, region, status, createdAt, releasedAt);
    }

    /**
     * An 18-character resident ID number that is well-formed (date of birth, sequence, ISO 7064
     * MOD 11-2 check character) but obviously fake: region code 000000 does not exist.
     */
    static String demoIdNumber(LocalDate birthDate, int sequence) {
        String body = "000000" + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        return body + checkCharacter(body);
    }

    /** The check character of an 18-character resident ID number (GB 11643, ISO 7064 MOD 11-2). */
    static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }
}
