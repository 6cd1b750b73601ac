// State names of the BatchWarehouse state machine: the keys local task handlers override.

/** State names: the keys local handlers override (tests, the sandbox). */
export const states = {
    startCrawler: "Start Crawler",
    crawlerAlreadyRunning: "Crawler Already Running",
    waitForCrawler: "Wait For Crawler",
    getCrawler: "Get Crawler",
    crawlerState: "Crawler Ready?",
    crawlOutcome: "Crawl Outcome?",
    countCrawlerCheck: "Count Crawler Check",
    crawlerChecksLeft: "Crawler Checks Left?",
    crawlFailed: "Crawl Failed",
    crawlTimedOut: "Crawl Timed Out",
    runJob: "Run Glue Job",
    startLoad: "Start Load",
    loadHasData: "Load Has Data?",
    waitForLoad: "Wait For Load",
    describeLoad: "Describe Load",
    loadStatus: "Load Status?",
    countLoadCheck: "Count Load Check",
    loadChecksLeft: "Load Checks Left?",
    loadFailed: "Load Statement Failed",
    loadAborted: "Load Statement Aborted",
    loadTimedOut: "Load Timed Out",
    checkQuality: "Check Quality",
    qualityPassed: "Quality Passed?",
    qualityFailed: "Quality Below Threshold",
    notifySuccess: "Notify Success",
    notifyNoNewData: "Notify No New Data",
    notifyFailure: "Notify Failure",
    failed: "Load Failed",
} as const;

export type StateName = (typeof states)[keyof typeof states];
