use serde::{Deserialize, Serialize};

use super::Lang;

/// Declares the catalogue: each key with its Chinese and English text, side by side.
macro_rules! texts {
    ($($key:ident => $zh:literal, $en:literal;)+) => {
        /// A text of the interface. Serializable so a form's errors can travel through a redirect.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum T { $($key),+ }

        impl T {
            pub fn tr(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Zh) => $zh, (T::$key, Lang::En) => $en,)+
                }
            }
        }
    };
}

texts! {
    // Frame
    AppName => "议事通", "Yishitong";
    Tagline => "有事好商量 · 协商议事服务平台", "Talk it through: grassroots consultation";
    SwitchLanguage => "English", "中文";
    SkipToContent => "跳到正文", "Skip to content";
    Home => "首页", "Home";
    SignIn => "登录", "Sign in";
    SignOut => "退出登录", "Sign out";
    Account => "我的账号", "My account";
    Manage => "工作台", "Workspace";
    FooterNote => "时间均为北京时间", "All times are Beijing time (UTC+8)";
    // Errors and notices
    ErrorSummaryTitle => "请修改以下内容", "There is a problem";
    Required => "请填写此项", "Enter a value";
    TooLong => "内容太长", "This is too long";
    ChooseOne => "请选择一项", "Choose one";
    BadInput => "提交的内容无法识别，请重新填写", "The form could not be read; please try again";
    TryAgain => "服务暂时不可用，您填写的内容已保留，请稍后再试", "Something went wrong. What you typed is kept; please try again";
    NotAllowed => "您没有权限进行此操作", "You are not allowed to do this";
    NotFoundText => "找不到该页面或记录", "This page or record does not exist";
    NotFoundTitle => "未找到", "Not found";
    NotAllowedTitle => "无权访问", "Not allowed";
    ErrorTitle => "出错了", "Something went wrong";
    SignInFirst => "请先登录", "Please sign in first";
    Saved => "已保存", "Saved";
    DateMalformed => "日期格式应为 年-月-日", "Enter a date as year-month-day";
    // Sign-in and account
    Username => "用户名", "Username";
    Password => "密码", "Password";
    LoginFailed => "用户名或密码不正确", "The username or password is not right";
    LoginHint => "工作人员、召集人和委员使用账号登录；群众报名无需登录。", "Staff, organizers and members sign in here; residents never need an account.";
    SignedOut => "您已退出登录", "You have signed out";
    ChangePassword => "修改密码", "Change password";
    CurrentPassword => "当前密码", "Current password";
    NewPassword => "新密码", "New password";
    NewPasswordHint => "至少10个字符，可以是一句好记的话", "At least 10 characters; a memorable phrase works well";
    ConfirmPassword => "再次输入新密码", "New password again";
    PasswordWrong => "当前密码不正确", "The current password is not right";
    PasswordsDiffer => "两次输入的新密码不一致", "The two new passwords differ";
    PasswordTooShort => "新密码至少10个字符", "The new password needs at least 10 characters";
    PasswordChanged => "密码已修改，其他设备上的登录已退出", "Password changed; other devices were signed out";
    SignedInAs => "当前登录", "Signed in as";
    RoleAdmin => "系统管理员", "Administrator";
    RoleStaff => "政协机关工作人员", "CPPCC office staff";
    RoleOrganizer => "议事平台召集人", "Platform organizer";
    RoleMember => "政协委员", "CPPCC member";
    // Areas
    Areas => "行政区划", "Areas";
    AreaName => "名称", "Name";
    AreaCode => "区划代码", "Administrative code";
    AreaCodeHint => "12位统计用区划代码，不知道可留空", "The 12-digit statistical code; leave blank if unknown";
    AreaCodeMalformed => "区划代码应为12位数字", "An administrative code has 12 digits";
    AreaCodeNotUnderParent => "区划代码与上级区划不符", "This code does not belong under the parent area's code";
    AreaCodeTaken => "该区划代码已被使用", "This code is already in use";
    AreaHasActivePlatforms => "该区划下还有运行中的议事平台，请先停用或迁出", "Platforms are still active in this area; deactivate or move them first";
    AreaHasActiveChildren => "该区划下还有启用的下级区划，请先停用", "Areas below this one are still active; deactivate them first";
    AreaInactive => "该区划已停用", "This area is inactive";
    VillageHasNoChildren => "村社区没有下级区划", "A village or community has no areas below it";
    AddChildArea => "新增下级区划", "Add an area below";
    EditArea => "修改区划", "Edit area";
    Deactivate => "停用", "Deactivate";
    Activate => "启用", "Activate";
    Inactive => "已停用", "Inactive";
    ChildAreas => "下级区划", "Areas below";
    PlatformCount => "议事平台数", "Platforms";
    NoChildAreas => "没有下级区划", "No areas below";
    ChooseYourArea => "选择您所在的区域，找到身边的议事平台", "Choose your area to find a consultation platform near you";
    // Platforms
    Platforms => "议事平台", "Platforms";
    PlatformsHere => "本地议事平台", "Platforms here";
    NoPlatformsHere => "这里还没有议事平台", "No platform here yet";
    PlatformName => "平台名称", "Platform name";
    BrandName => "品牌名称", "Brand name";
    BrandNameHint => "如“有事好商量”“板凳会”，没有可留空", "A local brand such as 板凳会; leave blank if none";
    PlatformType => "平台类型", "Type";
    Area => "所在区划", "Area";
    Convener => "召集人", "Convener";
    Address => "地址", "Address";
    Description => "简介", "Description";
    EstablishedOn => "建成日期", "Established on";
    StarRating => "星级", "Star rating";
    StarRatingHint => "1到5星，未评定可留空", "1 to 5 stars; leave blank if not rated";
    StarRatingRange => "星级应为1到5", "A star rating is from 1 to 5";
    Status => "状态", "Status";
    NewPlatform => "新建议事平台", "New platform";
    EditPlatform => "修改平台信息", "Edit platform";
    MovePlatform => "迁移到其他区划", "Move to another area";
    MoveHint => "已举行的活动仍计入原区划，未开始的活动随平台迁移", "Sessions already held stay counted in the old area; upcoming ones move with the platform";
    MoveTo => "迁入区划", "Move to";
    MoveReason => "迁移原因", "Reason";
    SameArea => "平台已在该区划", "The platform is already in this area";
    PlatformMoved => "平台已迁移", "Platform moved";
    MoveHistory => "迁移记录", "Moves";
    PublicPage => "公开页面", "Public page";
    ManagePlatforms => "管理议事平台", "Manage platforms";
    ManageAreas => "管理行政区划", "Manage areas";
    Edit => "修改", "Edit";
    Save => "保存", "Save";
    Create => "创建", "Create";
    Total => "共", "Total";
    PreviousPage => "上一页", "Previous";
    NextPage => "下一页", "Next";
    PlatformInactiveNotice => "该议事平台已停用", "This platform is no longer active";
    Optional => "（选填）", "(optional)";
    WorkspaceIntro => "您可以管理的内容", "What you can manage";
    YourPlatforms => "我的议事平台", "My platforms";
    // Accounts
    Accounts => "账号管理", "Accounts";
    NewAccount => "新建账号", "New account";
    DisplayName => "姓名或单位", "Name or office";
    UsernameHint => "3到32位字母、数字、下划线或点，用于登录", "3 to 32 letters, digits, underscores or dots, used to sign in";
    UsernameRule => "用户名应为3到32位字母、数字、下划线或点", "A username has 3 to 32 letters, digits, underscores or dots";
    UsernameTaken => "该用户名已被使用", "This username is taken";
    AccountKind => "账号类型", "Kind of account";
    StaffOfArea => "工作人员所辖区划（工作人员账号）", "Area overseen (staff accounts)";
    OrganizerOfPlatform => "负责的议事平台（召集人账号）", "Platform (organizer accounts)";
    MemberLevel => "委员级别（委员账号）", "Member level (member accounts)";
    Sector => "界别（委员账号）", "Sector (member accounts)";
    AccountCreated => "账号已创建", "Account created";
    PasswordReset => "密码已重置，该账号的登录已退出", "Password reset; the account was signed out";
    OneTimePassword => "一次性密码（仅显示这一次，请当面告知本人，登录后修改）：", "One-time password (shown only now; hand it over in person, to be changed after signing in):";
    ResetPasswordButton => "重置密码", "Reset password";
    Roles => "身份", "Roles";
    // Sessions and sign-up
    UpcomingSessions => "近期协商活动", "Upcoming sessions";
    NoUpcomingSessions => "近期没有可报名的活动", "No upcoming sessions to sign up for";
    SeatsLeft => "剩余名额", "Seats left";
    FullWaitingList => "名额已满，可报名候补", "Full: you can join the waiting list";
    When => "时间", "When";
    Where => "地点", "Where";
    Kind => "类型", "Kind";
    Seats => "名额", "Seats";
    Waiting => "候补", "Waiting";
    SignUpBy => "报名截止", "Sign up by";
    SignUpTitle => "我要报名", "Sign up";
    JoinWaitingList => "报名候补", "Join the waiting list";
    SignUpButton => "提交报名", "Sign up";
    YourName => "姓名", "Name";
    Mobile => "手机号", "Mobile number";
    MobileHint => "11位手机号，用于报名确认和活动变更通知", "11 digits, for the confirmation and any change to the session";
    MobileMalformed => "手机号应为11位数字，以13至19开头", "A mobile number has 11 digits and starts with 13 to 19";
    NameUnprintable => "姓名含有无法显示的字符", "The name contains characters that cannot be shown";
    YourRole => "参加身份", "Taking part as";
    InvitedRolesHint => "本次活动只邀请以下身份报名", "This session invites only these roles";
    RoleNotInvited => "本次活动不邀请该身份报名", "This session does not invite this role";
    ConsentText => "我同意议事平台使用我的手机号发送本次活动的报名确认和变更通知，活动结束后按规定删除。", "I agree that the platform uses my number for this session's confirmation and change notices; it is erased after the session as the rules require.";
    ConsentRequired => "请勾选同意后再提交", "Tick the box to agree before signing up";
    SignedUp => "报名成功", "You are signed up";
    Waitlisted => "名额已满，您已进入候补名单，有空位时将通知您", "The session is full: you are on the waiting list and will be told if a seat frees up";
    AlreadySignedUp => "该手机号已报名本次活动，以下是您的报名信息", "This number is already signed up; here is the registration";
    SessionWasCancelled => "本次活动已取消", "This session has been cancelled";
    DeadlinePassed => "报名已截止", "Sign-up has closed";
    SessionNotOpen => "本次活动已开始或已结束，不能报名", "This session has started or ended; sign-up is closed";
    MyRegistration => "我的报名", "My registration";
    RegistrationCode => "报名码", "Registration code";
    ShowAtDoor => "到场时出示此码签到", "Show this code at the door to check in";
    KeepThisLink => "请收藏本页链接，可随时查看或取消报名", "Keep this page's link to see or cancel your registration";
    WaitingPosition => "候补顺位", "Waiting list position";
    Session => "活动", "Session";
    CancelRegistration => "取消报名", "Cancel registration";
    RegistrationCancelled => "报名已取消", "Registration cancelled";
    TooLateToCancel => "活动已开始，不能再取消报名", "The session has started; the registration can no longer be cancelled";
    // Organizing
    ManageSessions => "协商活动", "Sessions";
    NewSession => "新建活动", "New session";
    SessionTitle => "活动名称", "Title";
    SessionSummary => "内容简介", "Summary";
    SessionKindLabel => "活动类型", "Kind";
    SessionFormatLabel => "形式", "Format";
    FormatLocalName => "本地叫法", "Local name";
    FormatLocalNameHint => "如院坝协商、广场协商，没有可留空", "Such as 院坝协商 or 广场协商; leave blank if none";
    Place => "地点", "Place";
    StartsAt => "开始时间", "Starts";
    EndsAt => "结束时间", "Ends";
    SeatsField => "名额", "Seats";
    SignupDeadlineField => "报名截止时间", "Sign-up deadline";
    DateTimeMalformed => "时间格式应为 年-月-日 时:分", "Enter a time as year-month-day hour:minute";
    EndBeforeStart => "结束时间应晚于开始时间", "The end must be after the start";
    SessionTooLong => "一场活动最长三天", "A session lasts at most three days";
    StartInPast => "开始时间已过", "The start time has passed";
    SeatsNotANumber => "名额应为整数", "Enter the number of seats as a whole number";
    SeatsRange => "名额应在1到10000之间", "A session has between 1 and 10000 seats";
    DeadlineAfterStart => "报名截止时间应不晚于开始时间", "Sign-up must close no later than the start";
    SessionNotEditable => "该活动已举行或已取消，不能再修改", "This session has been held or cancelled and can no longer be changed";
    Publish => "发布", "Publish";
    SessionPublished => "活动已发布，群众可以报名了", "Published: residents can now sign up";
    CancelSessionTitle => "取消活动", "Cancel the session";
    CancelReason => "取消原因（将通知已报名的群众）", "Reason (everyone signed up is told)";
    SessionCancelledNotice => "活动已取消，已通知报名群众", "Session cancelled; everyone signed up is being told";
    CheckInTitle => "签到", "Check-in";
    CheckInCode => "报名码", "Registration code";
    CheckInButton => "签到", "Check in";
    CheckedIn => "签到成功", "Checked in";
    AlreadyCheckedIn => "此人已签到", "Already checked in";
    CodeMalformed => "报名码为8位字母和数字", "A registration code has 8 letters and digits";
    CodeNotForSession => "该报名码不属于本场活动", "This code is not for this session";
    CodeHasNoSeat => "该报名已取消或仍在候补，不能签到", "This registration is cancelled or still waiting; it cannot check in";
    Registered => "已报名", "Registered";
    Attended => "已签到", "Attended";
    Attendees => "报名名单", "People";
    NoAttendees => "还没有人报名", "Nobody has signed up yet";
    StatusLabel => "状态", "Status";
    AddToCalendar => "加入手机日历", "Add to my calendar";
    WalkInTitle => "现场登记（未报名到场）", "Walk-in (came without signing up)";
    WalkInRecorded => "已登记并签到", "Recorded and checked in";
    WalkInButton => "登记并签到", "Record and check in";
    OptionalMobile => "手机号", "Mobile number";
    LeaveNeedsReason => "请假需填写原因", "Give the reason for the leave";
    AbsenceRecorded => "已记录", "Recorded";
    MarkAbsent => "缺席", "Absent";
    MarkLeave => "请假", "On leave";
    AbsenceLabel => "未到场", "Did not come";
    LeaveReason => "请假原因", "Reason for leave";
    RecordAbsence => "记录", "Record";
    PostponeTitle => "改期", "Move to another time";
    PostponeReason => "改期原因（将通知已报名的群众）", "Reason (everyone signed up is told)";
    PostponeButton => "改期并通知", "Move and tell everyone";
    SessionMovedNotice => "活动已改期，已通知报名群众", "Session moved; everyone signed up is being told";
    CheckinLead => "签到开始", "Check-in opens";
    MinutesBefore => "分钟（开始前）", "minutes before the start";
    InvitedRoles => "限定报名对象", "Only these may sign up";
    InvitedRolesChoiceHint => "都不勾选则所有群众均可报名", "Tick none to let anyone sign up";
    CopySession => "复制为新活动", "Copy into a new session";
    SignInSheet => "签到表", "Sign-in sheet";
    Poster => "海报", "Poster";
    PrintHint => "用浏览器的“打印”即可打印（A4纸）", "Use the browser's Print to print this on A4";
    ScanToSignUp => "微信扫一扫 · 报名参加", "Scan with WeChat to sign up";
    ScanForPlatform => "微信扫一扫 · 查看议事活动、提出议题", "Scan with WeChat to see sessions and propose topics";
    Host => "主办", "Hosted by";
    RowNumber => "序号", "No.";
    Signature => "签名", "Signature";
    SubscribeCalendar => "订阅日历", "Subscribe in a calendar app";
    AllSessions => "全部活动", "All sessions";
    YourArea => "上次查看：", "Last viewed:";
    AllKinds => "全部类型", "All kinds";
    FromDate => "日期（从此日起）", "From this date";
    Filter => "筛选", "Filter";
    ChangeArea => "更换区域", "Change area";
    MonthCalendar => "月历", "Month calendar";
    PreviousMonth => "上个月", "Previous month";
    NextMonth => "下个月", "Next month";
    NoSessionsThisMonth => "本月没有活动", "No sessions this month";
    SigningUpAsMember => "您已登录，将以政协委员身份报名", "You are signed in and sign up as a CPPCC member";
}
