    (function() {
        var msgArray = ["\t\t\t\t<div class=\"msg chat-notice \" msgid=\"8\">\n\t\t\t\t\t<div class=\"content-box\"><span class=\"dont-break-out msg-text\"><pre>  \u4f60\u9886\u53d6\u4e86\u5ba2\u6237\u7532\u7684\u7ea2\u5305</pre></span></div>\n\t\t\t\t</div>\n", "\t\t\t\t<div class=\"msg media left \" msgid=\"9\" msgtype=\"34\">\n\t\t\t\t\t<div class=\"nt-box\"><span class=\"dspname left\" wxId=\"jia_alias\">\u5ba2\u6237\u7532</span> 2024-05-02 09:06:00</div>\n\t\t\t\t\t<div class=\"content-box\"><div class=\"voicebox\" style=\"width:26px\" audio=\"Files/9.mp3\"><div class=\"voicetime\">5\"</div></div></div>\n\t\t\t\t</div>\n", "\t\t\t\t<div class=\"msg media right raw-img\" msgid=\"10\" msgtype=\"image\">\n\t\t\t\t\t<div class=\"nt-box\"><span class=\"dspname right\" wxId=\"owner_alias\">\u5e97\u4e3b</span> 2024-05-02 09:07:00</div>\n\t\t\t\t\t<div class=\"content-box\"><img rawUrl=\"Files/10.jpg\" data-src=\"Files/10_thumb.jpg\"></div>\n\t\t\t\t</div>\n"];
        for (var idx = 0; idx < msgArray.length; idx++)
        {
          window.moreWechatMsgs.push(msgArray[idx]);
        }

        msgArray = null;
        loadMsgsForNextPage();
    })();
